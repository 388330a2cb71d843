using System.Diagnostics;
using System.Globalization;
using WardCms.Core.Radio;

namespace WardCms.Tests.Radio;

// These run the real espeak-ng and sox (apt packages espeak-ng, sox) as production does.
public sealed class SpeechSynthesizerTests : IDisposable
{
    private const string Sentence =
        "Kính thưa bà con, UBND phường thông báo: từ 7h30 ngày 15/3/2025, Bộ phận một cửa tiếp nhận hồ sơ TTHC cả sáng thứ 7.";

    private readonly string _cache = Path.Combine(Path.GetTempPath(), "wardcms-speech-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_cache))
        {
            Directory.Delete(_cache, recursive: true);
        }
    }

    [Fact]
    public void IsAvailable_ToolsInstalled_IsTrue()
    {
        var synthesizer = new SpeechSynthesizer(_cache);

        Assert.True(synthesizer.IsAvailable, "espeak-ng and sox must be installed (apt-get install espeak-ng sox).");
    }

    [Fact]
    public async Task SynthesizeAsync_VietnameseSentence_MakesPlausibleWavAndOgg()
    {
        var synthesizer = new SpeechSynthesizer(_cache);
        var estimate = new ReadTimeEstimator().Estimate(Sentence);

        var result = await synthesizer.SynthesizeAsync(Sentence);

        var wav = await File.ReadAllBytesAsync(result.WavPath);
        Assert.Equal("RIFF"u8.ToArray(), wav[..4]);
        Assert.Equal("WAVE"u8.ToArray(), wav[8..12]);
        var measured = TimeSpan.FromSeconds(await SoxiDurationSecondsAsync(result.WavPath));
        Assert.True(measured > TimeSpan.FromSeconds(1), $"WAV lasts only {measured}.");
        // The draft is paced to the estimate; espeak-ng's own pauses leave some slack either way.
        Assert.InRange(measured.TotalSeconds, estimate.TotalSeconds * 0.6, estimate.TotalSeconds * 1.6);
        Assert.InRange(result.Duration.TotalSeconds, measured.TotalSeconds - 0.05, measured.TotalSeconds + 0.05);

        var ogg = await File.ReadAllBytesAsync(result.OggPath);
        Assert.Equal("OggS"u8.ToArray(), ogg[..4]);
        Assert.False(result.FromCache);
    }

    [Fact]
    public async Task SynthesizeAsync_SameTextTwice_SecondCallHitsCache()
    {
        var synthesizer = new SpeechSynthesizer(_cache);
        var first = await synthesizer.SynthesizeAsync(Sentence);
        var writtenAt = File.GetLastWriteTimeUtc(first.WavPath);
        var oggWrittenAt = File.GetLastWriteTimeUtc(first.OggPath);

        var second = await new SpeechSynthesizer(_cache).SynthesizeAsync(Sentence);

        Assert.True(second.FromCache);
        Assert.Equal(first.WavPath, second.WavPath);
        Assert.Equal(writtenAt, File.GetLastWriteTimeUtc(second.WavPath));
        Assert.Equal(oggWrittenAt, File.GetLastWriteTimeUtc(second.OggPath));
    }

    [Fact]
    public async Task SynthesizeAsync_OtherRate_IsADifferentCacheEntry()
    {
        var synthesizer = new SpeechSynthesizer(_cache);

        var normal = await synthesizer.SynthesizeAsync("Xin chào bà con.", 200);
        var slow = await synthesizer.SynthesizeAsync("Xin chào bà con.", 120);

        Assert.NotEqual(normal.Hash, slow.Hash);
        Assert.True(slow.Duration > normal.Duration);
    }

    [Fact]
    public async Task SynthesizeAsync_RatesBeyondEspeakRange_ShareOneCacheEntry()
    {
        var synthesizer = new SpeechSynthesizer(_cache);

        var fast = await synthesizer.SynthesizeAsync("Xin chào bà con.", 700);
        var faster = await synthesizer.SynthesizeAsync("Xin chào bà con.", 800);

        Assert.Equal(fast.Hash, faster.Hash);
        Assert.True(faster.FromCache);
    }

    [Fact]
    public async Task SynthesizeAsync_ConcurrentSameText_SynthesisesOnceAndLeavesNoTempFiles()
    {
        var synthesizer = new SpeechSynthesizer(_cache);

        var results = await Task.WhenAll(Enumerable.Range(0, 4)
            .Select(_ => Task.Run(() => synthesizer.SynthesizeAsync("Thủ tục hành chính."))));

        Assert.Single(results.Select(r => r.WavPath).Distinct());
        Assert.Single(results, r => !r.FromCache);
        Assert.Equal(2, Directory.GetFileSystemEntries(_cache).Length);
        Assert.Equal("RIFF"u8.ToArray(), (await File.ReadAllBytesAsync(results[0].WavPath))[..4]);
    }

    [Fact]
    public async Task SynthesizeAsync_Timeout_StopsAndCachesNothing()
    {
        var synthesizer = new SpeechSynthesizer(_cache, timeout: TimeSpan.FromMilliseconds(1));
        var longScript = string.Join(' ', Enumerable.Repeat(Sentence, 40));

        await Assert.ThrowsAsync<TimeoutException>(() => synthesizer.SynthesizeAsync(longScript));

        Assert.Empty(Directory.GetFileSystemEntries(_cache));
    }

    [Fact]
    public async Task SynthesizeAsync_VoiceThatLooksLikeAnOption_IsRefused()
    {
        var synthesizer = new SpeechSynthesizer(_cache);

        await Assert.ThrowsAsync<ArgumentException>(() => synthesizer.SynthesizeAsync("Xin chào.", voice: "--stdout"));
    }

    [Fact]
    public void ComputeHash_DependsOnTextVoiceAndRate()
    {
        var hash = SpeechSynthesizer.ComputeHash("xin chào", "vi", 200);

        Assert.Equal(64, hash.Length);
        Assert.NotEqual(hash, SpeechSynthesizer.ComputeHash("xin chào", "vi", 180));
        Assert.NotEqual(hash, SpeechSynthesizer.ComputeHash("xin chào", "en", 200));
        Assert.NotEqual(hash, SpeechSynthesizer.ComputeHash("xin chào bà con", "vi", 200));
    }

    private static async Task<double> SoxiDurationSecondsAsync(string path)
    {
        var startInfo = new ProcessStartInfo("soxi") { RedirectStandardOutput = true, UseShellExecute = false };
        startInfo.ArgumentList.Add("-D");
        startInfo.ArgumentList.Add(path);
        using var process = Process.Start(startInfo)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
        return double.Parse(output.Trim(), CultureInfo.InvariantCulture);
    }
}
