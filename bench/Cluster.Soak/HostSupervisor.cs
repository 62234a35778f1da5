using PPipe.Cluster.Soak.Hosting;
using PPipe.Cluster.Soak.Measure;

namespace PPipe.Cluster.Soak;

/// <summary>
/// What a process supervisor (systemd, Kubernetes, compose's restart policy) does for an operator: a host that ends by
/// itself is noticed within seconds, recorded as an unplanned exit with its exit code and last fatal line, and started
/// again. Hosts the fault schedule killed are left to it.
/// </summary>
public sealed class HostSupervisor(PlatformCluster cluster, RunClock clock, TextWriter log)
{
    private static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(2);
    private readonly Lock _lock = new();
    private readonly List<UnplannedExit> _exits = [];

    public IReadOnlyList<UnplannedExit> Exits
    {
        get
        {
            lock (_lock)
            {
                return [.. _exits];
            }
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var timer = new PeriodicTimer(CheckEvery);
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                foreach (var host in cluster.Hosts.Where(h => h.ExitedByItself).ToList())
                {
                    var noticed = clock.Seconds;
                    var (exitCode, reason) = (host.ExitCode, host.LastFatal);
                    log.WriteLine($"[+{noticed:F0}s] {host.Name} ended by itself (exit code {exitCode}): {reason ?? "no fatal line"}; starting it again");
                    string? error = null;
                    double? restarted = null;
                    try
                    {
                        await cluster.RestartAsync(host, cancellationToken);
                        restarted = clock.Seconds;
                    }
                    catch (Exception e) when (e is InvalidOperationException or TimeoutException)
                    {
                        error = e.Message.Length > 300 ? e.Message[..300] + "…" : e.Message;
                    }

                    lock (_lock)
                    {
                        _exits.Add(new UnplannedExit(host.Name, noticed, exitCode, reason, restarted, error));
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
