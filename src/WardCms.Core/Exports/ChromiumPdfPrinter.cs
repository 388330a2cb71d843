using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace WardCms.Core.Exports;

public sealed record ChromiumPdfOptions
{
    public string ExecutablePath { get; init; } = "/usr/bin/chromium";

    // A report's print view renders in 2–4 s here; a hung renderer must not hold a request.
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    // Added after the standard switches, e.g. "--disable-dev-shm-usage" in small containers.
    public IReadOnlyList<string> ExtraArguments { get; init; } = [];
}

public sealed class ChromiumPdfException(string message, Exception? inner = null) : Exception(message, inner);

// PDFs are the site's own print view printed by headless Chromium: the same HTML and CSS as the
// page, fonts embedded, Vietnamese text extractable. No PDF library needed (the only one served
// here is AGPL). Each run gets a fresh profile so concurrent prints never share state.
public sealed class ChromiumPdfPrinter(ChromiumPdfOptions? options = null)
{
    private const int MaxDiagnosticLines = 20;

    private readonly ChromiumPdfOptions _options = options ?? new ChromiumPdfOptions();

    public string ExecutablePath => _options.ExecutablePath;

    public bool IsAvailable => File.Exists(_options.ExecutablePath);

    public async Task<byte[]> PrintToPdfAsync(Uri url, CancellationToken ct = default)
    {
        using var buffer = new MemoryStream();
        await PrintToPdfAsync(url, buffer, ct);
        return buffer.ToArray();
    }

    public async Task PrintToPdfAsync(Uri url, Stream destination, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(destination);
        if (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https" or "file"))
        {
            throw new ArgumentException($"Chỉ in được địa chỉ http(s) hoặc file:// tuyệt đối, nhận \"{url}\".", nameof(url));
        }

        if (!IsAvailable)
        {
            throw new ChromiumPdfException(
                $"Không tìm thấy Chromium tại \"{_options.ExecutablePath}\" nên không tạo được PDF. " +
                "Cài gói chromium (apt-get install chromium) hoặc đặt ChromiumPdfOptions.ExecutablePath.");
        }

        var workDir = Path.Combine(Path.GetTempPath(), "wardcms-pdf-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(workDir);
        try
        {
            var output = Path.Combine(workDir, "out.pdf");
            await RunChromiumAsync(url, Path.Combine(workDir, "profile"), output, ct);
            await using var pdf = File.OpenRead(output);
            await pdf.CopyToAsync(destination, ct);
        }
        finally
        {
            DeleteQuietly(workDir);
        }
    }

    private async Task RunChromiumAsync(Uri url, string profileDir, string output, CancellationToken ct)
    {
        var start = new ProcessStartInfo(_options.ExecutablePath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])
        [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            $"--user-data-dir={profileDir}",
            "--no-pdf-header-footer",
            $"--print-to-pdf={output}",
        ])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var extra in _options.ExtraArguments)
        {
            start.ArgumentList.Add(extra);
        }

        start.ArgumentList.Add(url.AbsoluteUri);

        var diagnostics = new DiagnosticLines(MaxDiagnosticLines);
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => diagnostics.Add(e.Data);
        process.ErrorDataReceived += (_, e) => diagnostics.Add(e.Data);

        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new ChromiumPdfException($"Không chạy được Chromium \"{_options.ExecutablePath}\": {ex.Message}", ex);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_options.Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Chromium forks renderer, GPU and zygote processes; kill them all, not just the launcher.
            KillTree(process);
            ct.ThrowIfCancellationRequested();
            throw new ChromiumPdfException(
                $"Chromium không in xong {url} trong {_options.Timeout.TotalSeconds:0} giây và đã bị dừng.{diagnostics.Describe()}");
        }

        // Chromium exits 0 even when the page failed to load, but then writes no file.
        var produced = File.Exists(output) && new FileInfo(output).Length > 0;
        if (process.ExitCode != 0 || !produced)
        {
            throw new ChromiumPdfException(
                $"Chromium không tạo được PDF cho {url} (mã thoát {process.ExitCode}).{diagnostics.Describe()}");
        }

        await using var pdf = File.OpenRead(output);
        var magic = new byte[5];
        var read = await pdf.ReadAtLeastAsync(magic, magic.Length, throwOnEndOfStream: false, ct);
        if (read < 5 || Encoding.ASCII.GetString(magic) != "%PDF-")
        {
            throw new ChromiumPdfException($"Chromium ghi ra một tệp không phải PDF cho {url}.{diagnostics.Describe()}");
        }
    }

    private static void KillTree(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // Already exited between the timeout and the kill.
        }
    }

    private static void DeleteQuietly(string directory)
    {
        // Chromium's helpers can still be closing profile files for a moment after exit.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            try
            {
                if (Directory.Exists(directory))
                {
                    Directory.Delete(directory, recursive: true);
                }

                return;
            }
            catch (IOException)
            {
                Thread.Sleep(100 * (attempt + 1));
            }
            catch (UnauthorizedAccessException)
            {
                Thread.Sleep(100 * (attempt + 1));
            }
        }
    }

    // Keeps the last useful lines of Chromium's output; the D-Bus complaints it prints in every
    // container are noise that would hide the real cause.
    private sealed class DiagnosticLines(int capacity)
    {
        private readonly Queue<string> _lines = new();
        private readonly Lock _gate = new();

        public void Add(string? line)
        {
            if (string.IsNullOrWhiteSpace(line) || line.Contains("dbus", StringComparison.OrdinalIgnoreCase))
            {
                return;
            }

            lock (_gate)
            {
                _lines.Enqueue(line.Trim());
                while (_lines.Count > capacity)
                {
                    _lines.Dequeue();
                }
            }
        }

        public string Describe()
        {
            lock (_gate)
            {
                var failure = _lines.FirstOrDefault(l => l.Contains("Page load failed", StringComparison.Ordinal));
                if (failure is not null)
                {
                    return " " + failure[(failure.IndexOf("Page load failed", StringComparison.Ordinal))..];
                }

                return _lines.Count == 0 ? string.Empty : " Chromium báo: " + string.Join(" | ", _lines);
            }
        }
    }
}
