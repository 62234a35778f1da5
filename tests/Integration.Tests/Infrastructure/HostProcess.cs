using System.Collections.Concurrent;
using System.Diagnostics;
using PPipe.TestSupport;

namespace PPipe.Integration.Tests.Infrastructure;

/// <summary>
/// A P-PIPE host (silo or front end) started from its built output as a real child process, with its
/// output captured. Disposing kills it; <see cref="KillAsync"/> kills it abruptly, like a crash.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly string _name;

    private HostProcess(string name, Process process)
    {
        _name = name;
        _process = process;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) _lines.Enqueue(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _lines.Enqueue(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output => string.Join('\n', _lines);

    public static HostProcess Start(string name, string dll, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        info.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Logging__Console__FormatterName"] = "simple";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        return new HostProcess(name, Process.Start(info) ?? throw new InvalidOperationException($"Could not start {name}."));
    }

    /// <summary>Waits until the process prints a line containing <paramref name="text"/>; fails at once if it exits first.</summary>
    public async Task<string> WaitForLineAsync(string text, TimeSpan timeout)
    {
        string? line = null;
        await Eventually.HoldsAsync(
            () =>
            {
                line = _lines.FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal));
                if (line is null && _process.HasExited)
                {
                    throw new InvalidOperationException($"{_name} exited with code {_process.ExitCode} before printing '{text}'.\n{Output}");
                }

                return line is not null;
            },
            $"{_name} to print '{text}'",
            timeout,
            diagnostics: this,
            cancellationToken: TestContext.Current.CancellationToken);
        return line!;
    }

    /// <summary>Everything the process printed so far (what a failed wait shows).</summary>
    public override string ToString() => Output;

    /// <summary>Waits for the process to exit by itself and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no graceful shutdown, no membership update — what a crash looks like to the cluster.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }
}
