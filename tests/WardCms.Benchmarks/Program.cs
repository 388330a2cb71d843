switch (args.FirstOrDefault())
{
    case "media":
        await WardCms.Benchmarks.MediaBenchmark.Run(args[1..]);
        return;
}
Console.WriteLine("bench");
