using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace JobRec.Hosting.Local;

/// <summary>One `jobrec silo --cluster` child process on loopback ports: started and waited for until it printed its banner (an active
/// Orleans cluster member), then stopped with SIGTERM, killed (SIGKILL), paused (SIGSTOP) or resumed (SIGCONT).</summary>
public sealed partial class LocalSiloProcess : IAsyncDisposable
{
    private const int SigKill = 9;
    private const int SigTerm = 15;
    private const int SigCont = 18;
    private const int SigStop = 19;
    private const int LogLines = 400;
    private readonly Process _process;
    private readonly Queue<string> _log = new();
    private readonly string _workingDirectory;

    private LocalSiloProcess(Process process, string siloId, string workingDirectory)
    {
        _process = process;
        SiloId = siloId;
        _workingDirectory = workingDirectory;
    }

    /// <summary>The silo's name in the Orleans membership table.</summary>
    public string SiloId { get; }

    /// <summary>The client gateway endpoint ("127.0.0.1:port").</summary>
    public string Gateway { get; private set; } = string.Empty;

    /// <summary>The silo-to-silo endpoint ("127.0.0.1:port").</summary>
    public string SiloEndpoint { get; private set; } = string.Empty;

    /// <summary>Where this silo serves the HTTP API (co-hosted with the silo in cluster mode too), e.g. "http://127.0.0.1:port".</summary>
    public string HttpUrl { get; private set; } = string.Empty;

    /// <summary>The process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>The most memory the process has held resident so far (VmHWM in /proc/PID/status), in bytes; 0 once it has exited or where
    /// /proc is not available.</summary>
    public long PeakResidentBytes
    {
        get
        {
            try
            {
                foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
                {
                    if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    {
                        var kb = line["VmHWM:".Length..].Trim().Split(' ')[0];
                        return long.Parse(kb, System.Globalization.CultureInfo.InvariantCulture) * 1024;
                    }
                }
            }
            catch (IOException)
            {
                // exited
            }
            catch (UnauthorizedAccessException)
            {
                // not ours to read
            }

            return 0;
        }
    }

    /// <summary>Whether the process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the silo wrote (stdout and stderr), for diagnostics.</summary>
    public string RecentOutput
    {
        get
        {
            lock (_log)
            {
                return string.Join('\n', _log);
            }
        }
    }

    /// <summary>Starts <c>dotnet <paramref name="jobrecDll"/> silo --cluster ...</c> (ports 0: free loopback ports) and waits (up to
    /// <paramref name="startTimeout"/>) for its banner; throws naming the silo and its output when it exits or stays silent. With
    /// <paramref name="operatorKey"/> the silo lets clients carrying that key call the grains' internal methods (bulk import).</summary>
    public static async Task<LocalSiloProcess> StartAsync(string jobrecDll, string siloId, string connectionString, TimeSpan startTimeout, int gatewayPort = 0, int siloPort = 0,
        string? operatorKey = null)
    {
        gatewayPort = gatewayPort > 0 ? gatewayPort : FreePort();
        var workingDirectory = Path.Combine(Path.GetTempPath(), $"jobrec-silo-{siloId}-{Guid.NewGuid():N}"[..40]);
        Directory.CreateDirectory(workingDirectory);
        var info = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[]
        {
            jobrecDll, "silo", "--cluster", connectionString, "--silo-id", siloId,
            "--port", gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--silo-port", siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--no-dashboard",
        })
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["DOTNET_gcServer"] = "0";
        info.Environment["JOBREC_EXIT_WITH_PARENT"] = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning";
        if (operatorKey is { Length: > 0 })
        {
            info.Environment["JOBREC_OPERATOR_KEY"] = operatorKey;
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start silo {siloId}.");
        var silo = new LocalSiloProcess(process, siloId, workingDirectory);
        var banner = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) => silo.OnLine(e.Data, banner);
        process.ErrorDataReceived += (_, e) => silo.OnLine(e.Data, banner);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExitAsync();
        var first = await Task.WhenAny(banner.Task, exited, Task.Delay(startTimeout)).ConfigureAwait(false);
        if (first != banner.Task)
        {
            var why = first == exited ? $"exited with code {SafeExitCode(process)}" : $"printed no banner within {startTimeout.TotalSeconds:0} s";
            await silo.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException($"Silo {siloId} {why}. Output:\n{silo.RecentOutput}");
        }

        var m = BannerPattern().Match(banner.Task.Result);
        silo.Gateway = m.Groups["gateway"].Value;
        silo.SiloEndpoint = m.Groups["silo"].Value;
        silo.HttpUrl = m.Groups["http"].Value;
        return silo;
    }

    /// <summary>The jobrec.dll to start silos from: the entry assembly when it is jobrec.dll next to its runtimeconfig (the CLI itself), else the build output under src/JobRec.Cli found by walking up from the current and base directories.</summary>
    public static string FindJobrecDll()
    {
        var self = System.Reflection.Assembly.GetEntryAssembly()?.Location ?? "";
        if (string.Equals(Path.GetFileName(self), "jobrec.dll", StringComparison.Ordinal)
            && File.Exists(Path.ChangeExtension(self, ".runtimeconfig.json")) && File.Exists(Path.ChangeExtension(self, ".deps.json")))
        {
            return self;
        }

        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                foreach (var c in new[] { configuration, configuration == "Release" ? "Debug" : "Release" })
                {
                    var candidate = Path.Combine(dir.FullName, "src", "JobRec.Cli", "bin", c, "net10.0", "jobrec.dll");
                    if (File.Exists(candidate))
                    {
                        return candidate;
                    }
                }
            }
        }

        throw new FileNotFoundException($"jobrec.dll not found next to {self} or under src/JobRec.Cli/bin above {AppContext.BaseDirectory}; build src/JobRec.Cli first.");
    }

    /// <summary>Sends SIGTERM (graceful: deactivate the grains, leave the membership table) and waits up to <paramref name="timeout"/> for exit, then kills; returns true when it exited by itself.</summary>
    public async Task<bool> StopAsync(TimeSpan timeout)
    {
        if (_process.HasExited)
        {
            return true;
        }

        Signal(SigCont);
        Signal(SigTerm);
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            Kill();
            return false;
        }
    }

    /// <summary>Kills the process at once (SIGKILL): the others must detect its death by probes.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            Signal(SigKill);
            _process.WaitForExit(10_000);
        }
    }

    /// <summary>Freezes the process (SIGSTOP): it keeps its sockets but answers nothing until <see cref="Resume"/>.</summary>
    public void Pause() => Signal(SigStop);

    /// <summary>Lets a paused process run again (SIGCONT).</summary>
    public void Resume() => Signal(SigCont);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await StopAsync(TimeSpan.FromSeconds(15)).ConfigureAwait(false);
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_workingDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static string SafeExitCode(Process p)
    {
        try
        {
            return p.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (InvalidOperationException)
        {
            return "?";
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);

    [GeneratedRegex(@"gateway=(?<gateway>\S+) silo=(?<silo>\S+)(?: http=(?<http>[^\s;,]+))?")]
    private static partial Regex BannerPattern();

    private void Signal(int signal)
    {
        if (!_process.HasExited && SendSignal(_process.Id, signal) != 0 && !_process.HasExited)
        {
            throw new InvalidOperationException($"Signal {signal} to silo {SiloId} (pid {_process.Id}) failed: errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    private void OnLine(string? line, TaskCompletionSource<string> banner)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.Enqueue(line);
            while (_log.Count > LogLines)
            {
                _log.Dequeue();
            }
        }

        if (line.StartsWith("silo: cluster member ", StringComparison.Ordinal) && BannerPattern().IsMatch(line))
        {
            banner.TrySetResult(line);
        }
    }
}
