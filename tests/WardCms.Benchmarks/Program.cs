switch (args.FirstOrDefault())
{
    case "media":
        await WardCms.Benchmarks.MediaBenchmark.Run(args[1..]);
        return;
    case "dashboard":
        await WardCms.Benchmarks.DashboardBenchmark.Run(args[1..]);
        return;
    default:
        Console.WriteLine("Usage: ./wardcms bench media|dashboard [ARGS]");
        return;
}
