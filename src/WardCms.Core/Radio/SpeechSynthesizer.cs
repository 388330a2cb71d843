using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace WardCms.Core.Radio;

public sealed record SpeechResult(string Hash, string WavPath, string OggPath, TimeSpan Duration, bool FromCache);

public sealed class SpeechSynthesisException(string message) : Exception(message);

// Makes a listenable draft of a script with espeak-ng, peak-normalised by sox, so radio staff can
// hear the reading text before air. Files are cached by content: the same text is made once.
public sealed partial class SpeechSynthesizer
{
    public const string DefaultVoice = "vi";
    private const string EspeakTool = "espeak-ng";
    private const string SoxTool = "sox";

    // espeak-ng accepts 80–450 "words" a minute but, with its pauses, says about 1.4 Vietnamese
    // syllables per "word"; scaling keeps a draft at the announcer's pace, so its length matches
    // ReadTimeEstimator (measured: 28 syllables, -s 140 → 8.1 s; 200 a minute predicts 8.4 s).
    private const double EspeakRatePerSyllableRate = 0.7;
    private const int MinEspeakRate = 80;
    private const int MaxEspeakRate = 450;

    private readonly string _cacheDirectory;
    private readonly ReadingTextNormalizer _normalizer;
    private readonly TimeSpan _timeout;
    private readonly Lazy<bool> _available;

    // Striped locks: one in-process synthesis per hash without a dictionary that grows forever.
    // Other processes are kept safe by the temp-file-then-rename below.
    private readonly SemaphoreSlim[] _locks = Enumerable.Range(0, 32).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    public SpeechSynthesizer(string cacheDirectory, ReadingTextNormalizer? normalizer = null, TimeSpan? timeout = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cacheDirectory);
        _cacheDirectory = Path.GetFullPath(cacheDirectory);
        _normalizer = normalizer ?? new ReadingTextNormalizer();
        _timeout = timeout ?? TimeSpan.FromMinutes(2);
        _available = new Lazy<bool>(() => FindOnPath(EspeakTool) is not null && FindOnPath(SoxTool) is not null);
    }

    public string CacheDirectory => _cacheDirectory;

    // False when espeak-ng or sox is not installed; the admin UI says so instead of offering audio.
    public bool IsAvailable => _available.Value;

    // Keyed on the rate espeak-ng is given, so rates that clamp to the same speech share a file.
    public static string ComputeHash(string readingText, string voice, int espeakRate)
    {
        var key = string.Join('\n', readingText, voice, espeakRate.ToString(CultureInfo.InvariantCulture));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }

    public async Task<SpeechResult> SynthesizeAsync(
        string script,
        int syllablesPerMinute = ReadTimeEstimator.DefaultSyllablesPerMinute,
        string voice = DefaultVoice,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(script);
        if (!VoiceRegex().IsMatch(voice))
        {
            // The voice goes on espeak-ng's command line; refuse anything that could read as an option.
            throw new ArgumentException($"Voice '{voice}' is not an espeak-ng voice name.", nameof(voice));
        }
        if (!IsAvailable)
        {
            throw new SpeechSynthesisException("espeak-ng and sox must be installed to synthesise speech.");
        }

        var readingText = _normalizer.Normalize(script);
        if (readingText.Length == 0)
        {
            throw new ArgumentException("The script has nothing to read.", nameof(script));
        }

        var espeakRate = Math.Clamp((int)Math.Round(syllablesPerMinute * EspeakRatePerSyllableRate), MinEspeakRate, MaxEspeakRate);
        var hash = ComputeHash(readingText, voice, espeakRate);
        var wavPath = Path.Combine(_cacheDirectory, hash + ".wav");
        var oggPath = Path.Combine(_cacheDirectory, hash + ".ogg");

        if (TryCached(hash, wavPath, oggPath) is { } cached)
        {
            return cached;
        }

        var gate = _locks[Convert.ToInt32(hash[..2], 16) % _locks.Length];
        await gate.WaitAsync(ct);
        try
        {
            // Another request may have made it while this one waited.
            if (TryCached(hash, wavPath, oggPath) is { } madeMeanwhile)
            {
                return madeMeanwhile;
            }

            Directory.CreateDirectory(_cacheDirectory);
            // The work folder sits inside the cache so the final moves are same-volume renames.
            var work = Path.Combine(_cacheDirectory, ".tmp-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(work);
            try
            {
                var textFile = Path.Combine(work, "text.txt");
                var rawWav = Path.Combine(work, "raw.wav");
                var normWav = Path.Combine(work, "norm.wav");
                var ogg = Path.Combine(work, "out.ogg");
                await File.WriteAllTextAsync(textFile, readingText, new UTF8Encoding(false), ct);

                await RunAsync(EspeakTool, ["-v", voice, "-s", espeakRate.ToString(CultureInfo.InvariantCulture), "-w", rawWav, "-f", textFile], ct);
                await RunAsync(SoxTool, [rawWav, normWav, "gain", "-n", "-1"], ct);
                await RunAsync(SoxTool, [normWav, ogg], ct);

                // OGG first: a WAV in the cache therefore always has its OGG beside it.
                File.Move(ogg, oggPath, overwrite: true);
                File.Move(normWav, wavPath, overwrite: true);
            }
            finally
            {
                TryDeleteDirectory(work);
            }

            return new SpeechResult(hash, wavPath, oggPath, ReadWavDuration(wavPath), FromCache: false);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// The MP3 of a draft, made once beside its WAV: browsers on every phone play MP3 (Safari does
    /// not play OGG Vorbis), at a tenth of the WAV's size. Needs sox's MP3 handler (libsox-fmt-mp3).
    /// </summary>
    public async Task<string> Mp3Async(SpeechResult speech, CancellationToken ct = default)
    {
        var mp3 = Path.Combine(_cacheDirectory, speech.Hash + ".mp3");
        if (!File.Exists(mp3))
        {
            await ConvertAsync(speech.WavPath, mp3, ct);
        }
        return mp3;
    }

    /// <summary>Converts between audio formats with sox (the output's extension names the format); written to a temp name, then renamed.</summary>
    public async Task ConvertAsync(string input, string output, CancellationToken ct = default)
    {
        var temp = Path.Combine(Path.GetDirectoryName(output)!, ".tmp-" + Guid.NewGuid().ToString("N") + Path.GetExtension(output));
        try
        {
            await RunAsync(SoxTool, [input, temp], ct);
            File.Move(temp, output, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    // Reads the length from the RIFF header: data bytes over bytes per second.
    public static TimeSpan ReadWavDuration(string wavPath)
    {
        using var stream = File.OpenRead(wavPath);
        Span<byte> header = stackalloc byte[12];
        stream.ReadExactly(header);
        if (!header[..4].SequenceEqual("RIFF"u8) || !header[8..12].SequenceEqual("WAVE"u8))
        {
            throw new SpeechSynthesisException($"{wavPath} is not a WAV file.");
        }

        var byteRate = 0u;
        Span<byte> chunk = stackalloc byte[8];
        Span<byte> fmt = stackalloc byte[16];
        while (stream.Read(chunk) == 8)
        {
            var size = BinaryPrimitives.ReadUInt32LittleEndian(chunk[4..]);
            if (chunk[..4].SequenceEqual("fmt "u8))
            {
                stream.ReadExactly(fmt);
                byteRate = BinaryPrimitives.ReadUInt32LittleEndian(fmt[8..12]);
                stream.Seek(size - 16 + (size & 1), SeekOrigin.Current);
            }
            else if (chunk[..4].SequenceEqual("data"u8))
            {
                if (byteRate == 0)
                {
                    break;
                }
                // A streamed header may carry a placeholder size; the file length is the truth then.
                var available = stream.Length - stream.Position;
                var dataBytes = Math.Min(size, available);
                return TimeSpan.FromSeconds((double)dataBytes / byteRate);
            }
            else
            {
                stream.Seek(size + (size & 1), SeekOrigin.Current);
            }
        }
        throw new SpeechSynthesisException($"{wavPath} has no readable fmt and data chunks.");
    }

    private static SpeechResult? TryCached(string hash, string wavPath, string oggPath) =>
        File.Exists(wavPath) && File.Exists(oggPath)
            ? new SpeechResult(hash, wavPath, oggPath, ReadWavDuration(wavPath), FromCache: true)
            : null;

    private async Task RunAsync(string tool, IReadOnlyList<string> arguments, CancellationToken ct)
    {
        var startInfo = new ProcessStartInfo(tool)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = true,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = startInfo };
        process.Start();
        // Drain both pipes so a chatty tool never blocks on a full buffer.
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(_timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            KillTree(process);
            await process.WaitForExitAsync(CancellationToken.None);
            ct.ThrowIfCancellationRequested();
            throw new TimeoutException($"{tool} did not finish within {_timeout.TotalSeconds:0.###} s and was stopped.");
        }

        await stdout;
        var errors = await stderr;
        if (process.ExitCode != 0)
        {
            throw new SpeechSynthesisException($"{tool} exited with code {process.ExitCode}: {errors.Trim()}");
        }
    }

    private static void KillTree(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited between the timeout and the kill.
        }
    }

    private static void TryDeleteDirectory(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; the next clean-up of the cache takes it.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static string? FindOnPath(string tool)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, tool);
            if (File.Exists(candidate)
                && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(candidate) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0))
            {
                return candidate;
            }
            if (OperatingSystem.IsWindows() && File.Exists(candidate + ".exe"))
            {
                return candidate + ".exe";
            }
        }
        return null;
    }

    [GeneratedRegex(@"^[a-z]{2,3}(?:[-+][A-Za-z0-9_]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex VoiceRegex();
}
