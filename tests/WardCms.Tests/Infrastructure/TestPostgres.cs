using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace WardCms.Tests.Infrastructure;

/// <summary>
/// The real PostgreSQL server the integration tests use. `./wardcms test` starts a throwaway
/// cluster and passes its address in WARDCMS_TEST_POSTGRES; when that is missing (a developer
/// running `dotnet test` directly) this starts one of its own in a temp folder, so the
/// PostgreSQL tests always run against a real server and never silently skip.
/// </summary>
public static class TestPostgres
{
    private static readonly Lazy<string> ServerConnectionString = new(StartOrReuse, LazyThreadSafetyMode.ExecutionAndPublication);
    private static int _databaseCounter;

    /// <summary>Creates a fresh, empty database and returns its connection string.</summary>
    public static string CreateDatabase(string prefix = "t")
    {
        var server = ServerConnectionString.Value;
        var name = $"{prefix}_{Environment.ProcessId}_{Interlocked.Increment(ref _databaseCounter)}_{Guid.NewGuid():N}"[..40].ToLowerInvariant();
        using var conn = new Npgsql.NpgsqlConnection(server);
        conn.Open();
        using (var cmd = conn.CreateCommand())
        {
            cmd.CommandText = $"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'";
            cmd.ExecuteNonQuery();
        }
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = name };
        return builder.ConnectionString;
    }

    private static string StartOrReuse()
    {
        var fromEnv = Environment.GetEnvironmentVariable("WARDCMS_TEST_POSTGRES");
        if (!string.IsNullOrWhiteSpace(fromEnv))
        {
            return fromEnv;
        }

        var binDir = FindPostgresBin() ?? throw new InvalidOperationException(
            "PostgreSQL is not installed (no initdb found). Run ./wardcms test, which installs it.");
        var dir = Path.Combine(Path.GetTempPath(), $"wardcms-pg-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        var port = FreePort();
        var runAs = Environment.UserName == "root" ? "postgres" : null;
        if (runAs is not null)
        {
            Run("chown", $"-R postgres {dir}");
        }

        RunPg(runAs, Path.Combine(binDir, "initdb"), $"-D {dir}/data -U wardcms --auth=trust -E UTF8 --locale=C.UTF-8");
        RunPg(runAs, Path.Combine(binDir, "pg_ctl"),
            $"-D {dir}/data -l {dir}/log -w -o \"-c listen_addresses=127.0.0.1 -p {port} -k {dir} -c fsync=off -c full_page_writes=off -c synchronous_commit=off -c max_connections=200\" start");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                RunPg(runAs, Path.Combine(binDir, "pg_ctl"), $"-D {dir}/data -m immediate stop");
                Directory.Delete(dir, true);
            }
            catch
            {
                // Best effort at exit: the folder is under /tmp.
            }
        };
        return $"Host=127.0.0.1;Port={port};Username=wardcms;Database=postgres;Pooling=true;Maximum Pool Size=50";
    }

    private static string? FindPostgresBin()
    {
        var root = "/usr/lib/postgresql";
        if (!Directory.Exists(root))
        {
            return null;
        }
        return Directory.GetDirectories(root)
            .Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "initdb")))
            .OrderByDescending(d => d, StringComparer.Ordinal)
            .FirstOrDefault();
    }

    private static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    private static void RunPg(string? runAs, string exe, string args)
    {
        if (runAs is null)
        {
            Run(exe, args);
        }
        else
        {
            Run("runuser", $"-u {runAs} -- {exe} {args}");
        }
    }

    private static void Run(string exe, string args)
    {
        var psi = new ProcessStartInfo("/bin/sh", ["-c", $"{exe} {args}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{exe} {args} failed ({p.ExitCode}): {stderr}{stdout.Result}");
        }
    }
}
