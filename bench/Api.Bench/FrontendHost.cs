using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace PPipe.Api.Bench;

/// <summary>
/// The Release-built front end in embedded mode, started as a child process on a free loopback port,
/// like the integration tests do. Disposing kills it (by its own process handle).
/// </summary>
public sealed class FrontendHost : IAsyncDisposable
{
    public const string ReadyLine = "P-PIPE is serving";
    private const int KeptLines = 200;

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private FrontendHost(Process process, Uri address)
    {
        _process = process;
        Address = address;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public Uri Address { get; }

    public int ProcessId => _process.Id;

    /// <summary>The last lines the process printed, for failure messages.</summary>
    public string RecentOutput => string.Join('\n', _lines);

    /// <summary>Path of the front end's Release build inside the repository.</summary>
    public static string DllPath(string repositoryRoot) =>
        Path.Combine(repositoryRoot, "src", "Frontend", "bin", "Release", "net10.0", "PPipe.Frontend.dll");

    /// <summary>Builds the front end in Release when its output is missing (or when asked to).</summary>
    public static async Task EnsureBuiltAsync(string repositoryRoot, bool rebuild, CancellationToken cancellationToken)
    {
        if (!rebuild && File.Exists(DllPath(repositoryRoot)))
        {
            return;
        }

        Console.WriteLine("Building src/Frontend in Release ...");
        var build = await Command.RunAsync("dotnet", ["build", "src/Frontend", "-c", "Release", "-nologo", "-v", "quiet"],
            cancellationToken, repositoryRoot);
        if (build.ExitCode != 0 || !File.Exists(DllPath(repositoryRoot)))
        {
            throw new InvalidOperationException($"dotnet build src/Frontend -c Release failed (exit {build.ExitCode}):\n{build.Output}");
        }
    }

    public static async Task<FrontendHost> StartAsync(string dll, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var address = new Uri($"http://127.0.0.1:{FreeLoopbackPort()}");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(address.ToString().TrimEnd('/'));
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Logging__Console__FormatterName"] = "simple";
        // The GC setting the launch profile and the container images give the front end (README, "Memory and the GC").
        info.Environment["DOTNET_GCgen0size"] = "0x2000000";
        // The embedded demo cohort's simulated students would share the cores and the heap being measured.
        info.Environment["Demo__Enabled"] = "false";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var host = new FrontendHost(Process.Start(info) ?? throw new InvalidOperationException("Could not start the front end."), address);
        try
        {
            await host.WaitUntilReadyAsync(TimeSpan.FromSeconds(90), cancellationToken);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                await _process.WaitForExitAsync(timeout.Token);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
        {
            Console.Error.WriteLine($"Could not confirm that the front end (pid {_process.Id}) exited: {e.Message}");
        }
        finally
        {
            _process.Dispose();
        }
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_ready.Task.IsCompleted)
            {
                return;
            }

            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The front end exited with code {_process.ExitCode} before it was ready:\n{RecentOutput}");
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException($"The front end did not print '{ReadyLine}' within {timeout.TotalSeconds:0} s:\n{RecentOutput}");
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        if (line.Contains(ReadyLine, StringComparison.Ordinal))
        {
            _ready.TrySetResult();
        }

        _lines.Enqueue(line);
        while (_lines.Count > KeptLines && _lines.TryDequeue(out _))
        {
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
