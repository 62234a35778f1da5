using PPipe.Cluster.Soak.Hosting;
using PPipe.Cluster.Soak.Measure;

namespace PPipe.Cluster.Soak;

/// <summary>
/// The faults injected into the traffic period, at fixed fractions of it: <c>kill -9</c> of a silo (started again
/// after a while), PostgreSQL stopped with <c>-m immediate</c> and started again on the same directory and port,
/// <c>kill -9</c> of a front end (started again). Each is recorded as a <see cref="FaultWindow"/>.
/// </summary>
public sealed class FaultSchedule(PlatformCluster cluster, PostgresServer postgres, SoakOptions options, RunClock clock, TextWriter log)
{
    /// <summary>When each fault begins, as a fraction of the traffic period.</summary>
    public const double SiloAt = 0.2, PostgresAt = 0.45, FrontendAt = 0.7;

    /// <summary>The least calm time after a fault is over before the next begins (and before the traffic ends), so each one's errors and recovery are its own.</summary>
    public static readonly TimeSpan CalmBetween = TimeSpan.FromSeconds(30);

    public async Task RunAsync(double trafficStart, List<FaultWindow> windows, Action beforeFirst, CancellationToken cancellationToken)
    {
        var duration = options.TrafficDuration.TotalSeconds;
        await UntilAsync(trafficStart + SiloAt * duration, cancellationToken);
        beforeFirst();
        var silo = cluster.Silos[Math.Min(1, cluster.Silos.Count - 1)];
        windows.Add(await InjectAsync($"kill -9 {silo.Name}", "SIGKILL to the process, started again after " + Seconds(options.SiloDownFor),
            silo.KillAsync, options.SiloDownFor, ct => cluster.RestartAsync(silo, ct), cancellationToken));

        await UntilAsync(Math.Max(trafficStart + PostgresAt * duration, windows[^1].RestoredAt + CalmBetween.TotalSeconds), cancellationToken);
        windows.Add(await InjectAsync("PostgreSQL stopped", $"pg_ctl stop -m immediate, pg_ctl start after {Seconds(options.PostgresDownFor)} (same directory and port)",
            () => postgres.StopImmediatelyAsync(cancellationToken), options.PostgresDownFor, postgres.StartAgainAsync, cancellationToken));

        await UntilAsync(Math.Max(trafficStart + FrontendAt * duration, windows[^1].RestoredAt + CalmBetween.TotalSeconds), cancellationToken);
        var frontend = cluster.Frontends[0];
        windows.Add(await InjectAsync($"kill -9 {frontend.Name}", "SIGKILL to the process, started again after " + Seconds(options.FrontendDownFor),
            frontend.KillAsync, options.FrontendDownFor, ct => cluster.RestartAsync(frontend, ct), cancellationToken));
        await UntilAsync(windows[^1].RestoredAt + CalmBetween.TotalSeconds, cancellationToken);
    }

    private async Task<FaultWindow> InjectAsync(string name, string action, Func<Task> fail, TimeSpan downFor, Func<CancellationToken, Task> restore,
        CancellationToken cancellationToken)
    {
        var started = clock.Seconds;
        log.WriteLine($"[+{started:F0}s] fault: {name}");
        await fail();
        await Task.Delay(downFor, cancellationToken);
        var restoring = clock.Seconds;
        string? error = null;
        try
        {
            await restore(cancellationToken);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            error = e.Message;
        }

        var restored = clock.Seconds;
        log.WriteLine($"[+{restored:F0}s] fault over: {name} ({(error is null ? "restored" : "restore failed: " + error)} in {restored - restoring:F1} s)");
        return new FaultWindow(name, action, started, restoring, restored, error);
    }

    private async Task UntilAsync(double second, CancellationToken cancellationToken)
    {
        var wait = second - clock.Seconds;
        if (wait > 0)
        {
            await Task.Delay(TimeSpan.FromSeconds(wait), cancellationToken);
        }
    }

    private static string Seconds(TimeSpan span) => $"{span.TotalSeconds:0} s";
}
