switch (args.FirstOrDefault())
{
    case "media":
        await WardCms.Benchmarks.MediaBenchmark.Run(args[1..]);
        return;
    case "dashboard":
        await WardCms.Benchmarks.DashboardBenchmark.Run(args[1..]);
        return;
    case "web":
        await WardCms.Benchmarks.WebBenchmark.Run(args[1..]);
        return;
    default:
        Console.WriteLine("Usage: ./wardcms bench web|dashboard|media [ARGS]");
        return;
}
