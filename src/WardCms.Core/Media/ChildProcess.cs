using System.Diagnostics;
using System.Text;

namespace WardCms.Core.Media;

public sealed class MediaProcessingException(string message, bool timedOut = false, Exception? inner = null)
    : Exception(message, inner)
{
    public bool TimedOut { get; } = timedOut;
}

/// <summary>
/// Runs an image tool as a child process: arguments go through ArgumentList (no shell parses
/// them), the process gets an address-space limit and a deadline, and on the deadline the whole
/// tree is killed. A hostile image can therefore cost at most one bounded process.
/// </summary>
internal sealed class ChildProcess(MediaOptions options)
{
    private const int MaxCapturedOutput = 1024 * 1024;

    /// <summary>Runs the tool and returns what it printed on stdout (at most 1 MiB is kept).</summary>
    public async Task<string> RunAsync(string executable, IReadOnlyList<string> arguments, CancellationToken ct)
    {
        var start = BuildStartInfo(executable, arguments);
        using var process = new Process { StartInfo = start };
        var stderr = new StringBuilder();
        var stdout = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            lock (stderr)
            {
                if (e.Data is not null && stderr.Length < 4000)
                {
                    stderr.AppendLine(e.Data);
                }
            }
        };
        process.OutputDataReceived += (_, e) =>
        {
            lock (stdout)
            {
                if (e.Data is not null && stdout.Length < MaxCapturedOutput)
                {
                    stdout.AppendLine(e.Data);
                }
            }
        };

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(options.ProcessTimeout);
        try
        {
            process.Start();
            process.BeginErrorReadLine();
            process.BeginOutputReadLine();
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            ct.ThrowIfCancellationRequested();
            throw new MediaProcessingException(
                $"{Path.GetFileName(executable)} did not finish within {options.ProcessTimeout.TotalSeconds:0} s.", timedOut: true);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new MediaProcessingException($"Could not start {executable}: {ex.Message}", inner: ex);
        }
        if (process.ExitCode != 0)
        {
            string detail;
            lock (stderr)
            {
                detail = stderr.ToString().Trim();
            }
            throw new MediaProcessingException($"{Path.GetFileName(executable)} {arguments.FirstOrDefault()} exited with {process.ExitCode}: {detail}");
        }
        lock (stdout)
        {
            return stdout.ToString();
        }
    }

    private ProcessStartInfo BuildStartInfo(string executable, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo
        {
            UseShellExecute = false,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            RedirectStandardInput = false,
            CreateNoWindow = true,
        };
        var limit = options.ProcessMemoryLimitBytes;
        var prlimit = limit > 0 ? ExecutableLocator.Find(options.PrlimitPath) : null;
        var shell = limit > 0 && prlimit is null ? ExecutableLocator.Find("/bin/sh") : null;
        if (prlimit is not null)
        {
            start.FileName = prlimit;
            start.ArgumentList.Add($"--as={limit}");
            start.ArgumentList.Add("--");
            start.ArgumentList.Add(executable);
        }
        else if (shell is not null)
        {
            // The script is constant; the command and its arguments arrive as "$@", never parsed by the shell.
            start.FileName = shell;
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add("ulimit -v \"$0\" && exec \"$@\"");
            start.ArgumentList.Add((limit / 1024).ToString(System.Globalization.CultureInfo.InvariantCulture));
            start.ArgumentList.Add(executable);
        }
        else
        {
            start.FileName = executable;
        }
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        // Few malloc arenas keep the address-space limit meaningful with several vips threads;
        // untrusted loaders (ImageMagick, matio…) are never wanted for web uploads.
        start.Environment["MALLOC_ARENA_MAX"] = "2";
        start.Environment["VIPS_BLOCK_UNTRUSTED"] = "1";
        start.Environment["VIPS_CONCURRENCY"] = Math.Max(1, options.VipsConcurrency).ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["VIPS_WARNING"] = "0";
        return start;
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Exited between the check and the kill.
        }
    }
}

internal static class ExecutableLocator
{
    /// <summary>The full path of a tool given as a path or a bare name looked up on PATH; null when absent.</summary>
    public static string? Find(string? nameOrPath)
    {
        if (string.IsNullOrWhiteSpace(nameOrPath))
        {
            return null;
        }
        if (nameOrPath.Contains('/'))
        {
            return File.Exists(nameOrPath) ? Path.GetFullPath(nameOrPath) : null;
        }
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var folder in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, nameOrPath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }
}
