using Microsoft.Extensions.Logging;

namespace PPipe.Hosting;

/// <summary>
/// Keeps a front end trying to reach the cluster while no silo is up (silos and front ends start in
/// any order), with a growing pause capped at ten seconds. Stops only when the host shuts down.
/// </summary>
internal sealed partial class ClusterConnectionRetryFilter(ILogger<ClusterConnectionRetryFilter> logger, TimeProvider time)
    : IClientConnectionRetryFilter
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(10);
    private int _attempt;

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        _attempt++;
        var delay = TimeSpan.FromMilliseconds(Math.Min(MaxDelay.TotalMilliseconds, 500 * _attempt));
        LogRetry(logger, _attempt, delay.TotalSeconds, exception.Message);
        try
        {
            await Task.Delay(delay, time, cancellationToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "No P-PIPE silo reachable yet (attempt {Attempt}); retrying in {DelaySeconds:0.#} s: {Reason}")]
    private static partial void LogRetry(ILogger logger, int attempt, double delaySeconds, string reason);
}
