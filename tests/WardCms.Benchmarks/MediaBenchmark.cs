using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using WardCms.Core.Media;

namespace WardCms.Benchmarks;

/// <summary>
/// Thumbnails per second for a 12-megapixel phone photo through libvips, and the peak memory of
/// the vips child process, next to a baseline measured in the same run (spawning vipsheader on the
/// same file, and copying the file) so the figures can be compared across machines.
/// Usage: dotnet run -c Release --project tests/WardCms.Benchmarks -- media [runs]
/// </summary>
public static partial class MediaBenchmark
{
    public static async Task Run(string[] args)
    {
        var runs = args.Length > 0 && int.TryParse(args[0], out var n) && n > 0 ? n : 5;
        var work = Path.Combine(Path.GetTempPath(), "wardcms-bench-media-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            var options = new MediaOptions { RootPath = Path.Combine(work, "store"), MaxFileBytes = 200L * 1024 * 1024 };
            var inspector = new FileInspector(options);
            var processor = new VipsImageProcessor(options, inspector);
            if (!processor.IsAvailable)
            {
                Console.WriteLine("libvips (vips) is not installed: nothing to measure. apt-get install libvips-tools");
                return;
            }

            var photo = Path.Combine(work, "photo.jpg");
            MakePhoto(work, photo);
            var info = new FileInfo(photo);
            Console.WriteLine($"Input: 4000×3000 JPEG (Q=85, 8-bit noise: a worst case for the codec), {info.Length / 1048576.0:0.0} MiB; {runs} runs each; {Environment.ProcessorCount} cores; VIPS_CONCURRENCY={options.VipsConcurrency}");
            Console.WriteLine();

            var rows = new List<Row>
            {
                Measure("baseline: vipsheader (spawn + read header)", runs, _ => ["vipsheader", photo]),
                MeasureInProcess("baseline: copy the file", runs, i => File.Copy(photo, Path.Combine(work, $"copy{i}.jpg"), overwrite: true)),
                Measure("vips thumbnail → 640 px JPEG", runs, i => ["vips", "thumbnail", photo, Path.Combine(work, $"t{i}.jpg") + "[Q=82,strip]", "640", "--height", "10000000", "--size", "down"]),
                Measure("vips thumbnail → 640 px WebP", runs, i => ["vips", "thumbnail", photo, Path.Combine(work, $"t{i}.webp") + "[Q=80,strip]", "640", "--height", "10000000", "--size", "down"]),
                Measure("vips thumbnail → 1200×630 crop (OG)", runs, i => ["vips", "thumbnail", photo, Path.Combine(work, $"og{i}.jpg") + "[Q=82,strip]", "1200", "--height", "630", "--crop", "attention"]),
            };

            // The whole upload as the app does it: re-encoded original, 4 widths × 2 formats, the OG crop.
            var inspection = inspector.Inspect(await File.ReadAllBytesAsync(photo), "photo.jpg");
            var outputs = 0;
            var watch = new Stopwatch();
            for (var i = 0; i < runs; i++)
            {
                var folder = Path.Combine(work, $"p{i}");
                Directory.CreateDirectory(folder);
                watch.Start();
                outputs = (await processor.ProcessAsync(photo, inspection, folder, CancellationToken.None)).Count;
                watch.Stop();
            }
            rows.Add(new Row($"VipsImageProcessor: one upload ({outputs} files)", runs, watch.Elapsed.TotalMilliseconds / runs, null));

            Console.WriteLine("| step | runs | mean ms | per second | peak RSS of the child |");
            Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
            foreach (var r in rows)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {r.Name} | {r.Runs} | {r.MeanMs:0.0} | {1000 / r.MeanMs:0.00} | {(r.PeakKb is { } kb ? $"{kb / 1024.0:0.0} MiB" : "–")} |"));
            }
            var baseline = rows[0].MeanMs;
            var thumb = rows[2].MeanMs;
            var upload = rows[^1].MeanMs;
            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Thumbnails per second (640 px JPEG, one process each): {1000 / thumb:0.00}; {thumb / baseline:0.0}× the vipsheader baseline."));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Files per second inside a full upload: {outputs * 1000 / upload:0.00} ({upload / baseline:0.0}× the baseline per upload)."));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Peak memory of a vips child: {rows.Where(r => r.PeakKb is not null).Max(r => r.PeakKb!.Value) / 1024.0:0.0} MiB (limit per process: {options.ProcessMemoryLimitBytes / 1048576} MiB address space)."));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    // Three independent noise bands cast to 8 bits: about 6 MiB at Q=85, like a detailed phone photo (a float
    // image would be saved clipped and almost flat, which flatters the codec).
    private static void MakePhoto(string work, string photo)
    {
        string[] bands = [Path.Combine(work, "r.v"), Path.Combine(work, "g.v"), Path.Combine(work, "b.v")];
        foreach (var band in bands)
        {
            Exec(["vips", "gaussnoise", band, "4000", "3000", "--sigma", "30", "--mean", "120"]);
        }
        var rgb = Path.Combine(work, "rgb.v");
        var rgb8 = Path.Combine(work, "rgb8.v");
        Exec(["vips", "bandjoin", string.Join(' ', bands), rgb]);
        Exec(["vips", "cast", rgb, rgb8, "uchar"]);
        Exec(["vips", "copy", rgb8, photo + "[Q=85]"]);
        foreach (var f in bands.Append(rgb).Append(rgb8))
        {
            File.Delete(f);
        }
    }

    /// <summary>Runs the command under /usr/bin/time -v: wall time here, peak RSS from its report.</summary>
    private static Row Measure(string name, int runs, Func<int, string[]> command)
    {
        Exec(command(-1)); // warm the page cache and the loader
        var total = 0.0;
        long peak = 0;
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            var stderr = Exec(["/usr/bin/time", "-v", .. command(i)]);
            total += watch.Elapsed.TotalMilliseconds;
            var m = MaxRss().Match(stderr);
            if (m.Success)
            {
                peak = Math.Max(peak, long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
            }
        }
        return new Row(name, runs, total / runs, peak > 0 ? peak : null);
    }

    private static Row MeasureInProcess(string name, int runs, Action<int> action)
    {
        action(-1);
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < runs; i++)
        {
            action(i);
        }
        return new Row(name, runs, watch.Elapsed.TotalMilliseconds / runs, null);
    }

    private static string Exec(string[] command)
    {
        var start = new ProcessStartInfo(command[0]) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in command.Skip(1))
        {
            start.ArgumentList.Add(a);
        }
        start.Environment["VIPS_CONCURRENCY"] = "2";
        using var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        _ = stdout.Result;
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{string.Join(' ', command)} failed: {stderr}");
        }
        return stderr;
    }

    [GeneratedRegex(@"Maximum resident set size \(kbytes\): (\d+)")]
    private static partial Regex MaxRss();

    private sealed record Row(string Name, int Runs, double MeanMs, long? PeakKb);
}
