using System.Diagnostics;
using System.Text.RegularExpressions;

namespace JobRec.Hosting.Local;

/// <summary>A throwaway PostgreSQL started with deploy/pg-local.sh on a loopback port (its own data directory), stopped and removed on dispose.</summary>
public sealed partial class LocalPostgres : IAsyncDisposable
{
    private readonly string _script;
    private readonly int _port;

    private LocalPostgres(string script, int port, string connectionString)
    {
        _script = script;
        _port = port;
        ConnectionString = connectionString;
    }

    /// <summary>The Npgsql connection string of the server.</summary>
    public string ConnectionString { get; }

    /// <summary>Runs <c>deploy/pg-local.sh start</c> with JOBREC_PG_PORT=<paramref name="port"/>; throws naming the script's output when it fails.</summary>
    public static async Task<LocalPostgres> StartAsync(int port)
    {
        var script = FindScript();
        var (code, stdout, stderr) = await RunAsync(script, "start", port).ConfigureAwait(false);
        var m = ExportPattern().Match(stdout);
        if (code != 0 || !m.Success)
        {
            throw new InvalidOperationException($"{script} start (port {port}) failed with exit code {code}: {stderr.Trim()} {stdout.Trim()}");
        }

        return new LocalPostgres(script, port, m.Groups[1].Value);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await RunAsync(_script, "stop", _port).ConfigureAwait(false);

    private static string FindScript()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "deploy", "pg-local.sh");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new FileNotFoundException("deploy/pg-local.sh not found above the current or the program's directory; run from the repository or set JOBREC_PG.");
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(string script, string verb, int port)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(script);
        info.ArgumentList.Add(verb);
        info.Environment["JOBREC_PG_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var p = Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync().ConfigureAwait(false);
        return (p.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }

    [GeneratedRegex("export JOBREC_PG=\"([^\"]+)\"")]
    private static partial Regex ExportPattern();
}
