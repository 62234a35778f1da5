namespace PPipe.Grains.Probes;

/// <summary>
/// How this silo probes students' model endpoints. Bound from the <c>Probes</c> section. The breaker
/// settings apply to each endpoint (scheme, host and port) on its own.
/// </summary>
public sealed class ProbeOptions
{
    public const string Section = "Probes";

    /// <summary>Probes in flight at once on this silo; more wait for a free place.</summary>
    public int MaxConcurrency { get; set; } = 64;

    /// <summary>How long a probe waits for a free place before it is given up (see <see cref="ProbeCapacityException"/>).</summary>
    public TimeSpan QueueTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The largest response body read from a model endpoint.</summary>
    public long MaxResponseBytes { get; set; } = 256 * 1024;

    /// <summary>The wait between a failed first attempt and the retry.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The share of failed probes within <see cref="BreakerSamplingDuration"/> that opens an endpoint's breaker (above 0, at most 1).</summary>
    public double BreakerFailureRatio { get; set; } = 0.9;

    /// <summary>The probes an endpoint needs within <see cref="BreakerSamplingDuration"/> before its breaker may open (2 or more).</summary>
    public int BreakerMinimumThroughput { get; set; } = 3;

    /// <summary>The window over which an endpoint's failures are counted (0.5 s to 1 day).</summary>
    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long probes to an endpoint are skipped once its breaker opens (0.5 s to 1 day).</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The most endpoints whose breaker state is kept. Endpoints unused for longer than both
    /// <see cref="BreakerSamplingDuration"/> and <see cref="BreakDuration"/> are forgotten first (their
    /// state no longer matters); beyond that, the least recently probed. Each costs about 3 KB (a Polly
    /// circuit-breaker pipeline; see bench/Probes.Bench), so the default holds about 30 MiB.
    /// </summary>
    public int MaxTrackedEndpoints { get; set; } = 10_000;

    /// <summary>Every setting that is out of range, in words; empty when the options can be used.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        var halfSecond = TimeSpan.FromMilliseconds(500);
        if (MaxConcurrency < 1)
        {
            problems.Add($"{Section}:MaxConcurrency must be at least 1.");
        }

        if (QueueTimeout < TimeSpan.Zero)
        {
            problems.Add($"{Section}:QueueTimeout must not be negative.");
        }

        if (MaxResponseBytes < 1)
        {
            problems.Add($"{Section}:MaxResponseBytes must be at least 1.");
        }

        if (RetryDelay < TimeSpan.Zero || RetryDelay > TimeSpan.FromMinutes(1))
        {
            problems.Add($"{Section}:RetryDelay must be between 0 and 1 minute.");
        }

        if (!(BreakerFailureRatio > 0 && BreakerFailureRatio <= 1))
        {
            problems.Add($"{Section}:BreakerFailureRatio must be above 0 and at most 1.");
        }

        if (BreakerMinimumThroughput < 2)
        {
            problems.Add($"{Section}:BreakerMinimumThroughput must be at least 2.");
        }

        if (BreakerSamplingDuration < halfSecond || BreakerSamplingDuration > TimeSpan.FromDays(1))
        {
            problems.Add($"{Section}:BreakerSamplingDuration must be between 0.5 s and 1 day.");
        }

        if (BreakDuration < halfSecond || BreakDuration > TimeSpan.FromDays(1))
        {
            problems.Add($"{Section}:BreakDuration must be between 0.5 s and 1 day.");
        }

        if (MaxTrackedEndpoints < 1)
        {
            problems.Add($"{Section}:MaxTrackedEndpoints must be at least 1.");
        }

        return problems;
    }
}
