switch (args.FirstOrDefault())
{
    case "media":
        await WardCms.Benchmarks.MediaBenchmark.Run(args[1..]);
        return;
    case "dashboard":
        await WardCms.Benchmarks.DashboardBenchmark.Run(args[1..]);
        return;
    case "search":
        await WardCms.Benchmarks.SearchBenchmark.Run(args[1..]);
        return;
    case "bulletin":
        await WardCms.Benchmarks.BulletinBenchmark.Run(args[1..]);
        return;
    case "city":
        await WardCms.Benchmarks.CityViewBenchmark.Run(args[1..]);
        return;
    case "web":
        await WardCms.Benchmarks.WebBenchmark.Run(args[1..]);
        return;
    default:
        Console.WriteLine("Usage: ./wardcms bench web|search|dashboard|city|media|bulletin [ARGS]");
        return;
}
