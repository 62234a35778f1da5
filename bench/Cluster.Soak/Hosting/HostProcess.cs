using System.Diagnostics;

namespace PPipe.Cluster.Soak.Hosting;

/// <summary>
/// A P-PIPE host (silo, front end, the migration) run from its build output as a child process, started in its
/// own output folder so it reads its own appsettings.json. Every output line goes to a log file (prefixed with
/// the run's clock) and to a <see cref="LogTally"/>. It can be killed with SIGKILL and started again with the
/// same environment; the log and tally continue.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private const int LinesKeptForWaiting = 5_000;

    private readonly string _dll;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly string[] _args;
    private readonly RunClock _clock;
    private readonly StreamWriter _log;
    private readonly Lock _lock = new();
    private readonly List<string> _sinceStart = [];
    private Process? _process;
    private bool _killedByHarness;
    private string? _lastFatal;

    public HostProcess(string name, string dll, IReadOnlyDictionary<string, string> environment, string logPath, RunClock clock, params string[] args)
    {
        Name = name;
        _dll = dll;
        _environment = environment;
        _args = args;
        _clock = clock;
        LogPath = logPath;
        _log = new StreamWriter(logPath, append: true) { AutoFlush = true };
    }

    public string Name { get; }

    public string LogPath { get; }

    public LogTally Tally { get; } = new();

    /// <summary>The running process's id, or null when it is not running.</summary>
    public int? Pid
    {
        get
        {
            lock (_lock)
            {
                return _process is { HasExited: false } p ? p.Id : null;
            }
        }
    }

    public int Starts { get; private set; }

    /// <summary>True when the process ended without the harness killing it (a crash, or a silo told it is dead).</summary>
    public bool ExitedByItself
    {
        get
        {
            lock (_lock)
            {
                return _process is { HasExited: true } && !_killedByHarness;
            }
        }
    }

    /// <summary>The exit code of an ended process, or null.</summary>
    public int? ExitCode
    {
        get
        {
            lock (_lock)
            {
                return _process is { HasExited: true } p ? p.ExitCode : null;
            }
        }
    }

    /// <summary>The last line that says why the process is ending (FATAL, "Process terminated", unhandled exception), if any.</summary>
    public string? LastFatal
    {
        get
        {
            lock (_lock)
            {
                return _lastFatal;
            }
        }
    }

    public void Start()
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(_dll)!,
        };
        info.ArgumentList.Add(_dll);
        foreach (var arg in _args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in _environment)
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        lock (_lock)
        {
            if (_process is { HasExited: false } running)
            {
                // Never two of one host: whoever starts it again (the fault schedule, the supervisor) replaces it.
                running.Kill(entireProcessTree: true);
                running.WaitForExit();
            }

            _sinceStart.Clear();
            _process?.Dispose();
            _process = process;
            _killedByHarness = false;
            _lastFatal = null;
            Starts++;
            _log.WriteLine($"[+{_clock.Seconds:F3}s] ===== soak: starting {Name} (start #{Starts}) =====");
        }

        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Waits until the current process prints a line containing <paramref name="text"/>.</summary>
    public async Task WaitForLineAsync(string text, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < timeout)
        {
            cancellationToken.ThrowIfCancellationRequested();
            lock (_lock)
            {
                if (_sinceStart.Exists(l => l.Contains(text, StringComparison.Ordinal)))
                {
                    return;
                }

                if (_process is null || _process.HasExited)
                {
                    throw new InvalidOperationException(
                        $"{Name} exited (code {_process?.ExitCode}) before printing '{text}'; see {LogPath}:\n{string.Join('\n', _sinceStart.TakeLast(40))}");
                }
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException($"{Name} did not print '{text}' within {timeout.TotalSeconds:0} s; see {LogPath}.");
    }

    /// <summary>Waits for the process to exit by itself; returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var process = _process ?? throw new InvalidOperationException($"{Name} was never started.");
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        await process.WaitForExitAsync(limit.Token);
        process.WaitForExit(); // drains the output readers
        return process.ExitCode;
    }

    /// <summary>SIGKILL to the process and its children: no graceful shutdown, what a crash looks like to the cluster.</summary>
    public async Task KillAsync()
    {
        Process? process;
        lock (_lock)
        {
            process = _process;
        }

        if (process is null)
        {
            return;
        }

        lock (_lock)
        {
            _killedByHarness = !process.HasExited || _killedByHarness;
        }

        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync();
        }
        catch (InvalidOperationException)
        {
            // It was never started or has already been reaped.
        }

        lock (_lock)
        {
            _log.WriteLine($"[+{_clock.Seconds:F3}s] ===== soak: {Name} killed =====");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        lock (_lock)
        {
            _process?.Dispose();
            _process = null;
            _log.Dispose();
        }
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        var at = _clock.Seconds;
        Tally.Add(line, at);
        lock (_lock)
        {
            if (line.Contains("FATAL", StringComparison.Ordinal) || line.StartsWith("Unhandled exception", StringComparison.Ordinal))
            {
                _lastFatal = line.Length > 500 ? line[..500] + "…" : line;
            }

            if (_sinceStart.Count < LinesKeptForWaiting)
            {
                _sinceStart.Add(line);
            }

            try
            {
                _log.WriteLine($"[+{at:F3}s] {line}");
            }
            catch (ObjectDisposedException)
            {
                // The last lines of a process killed at the end of the run.
            }
        }
    }
}
