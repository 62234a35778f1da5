using PPipe.Grains.Interfaces.Outbound;

namespace PPipe.Assessment.Tests.Assessment;

/// <summary>How a synthetic student behaves; the defaults make a perfect student.</summary>
internal sealed record StudentBehaviour
{
    /// <summary>Fetch each release this long after it appears; null never fetches.</summary>
    public TimeSpan? FetchDelay { get; init; } = TimeSpan.FromMinutes(10);

    public bool SubmitsLate { get; init; }

    public bool Deploys { get; init; } = true;

    /// <summary>Scenario time the endpoint is registered; null registers it one hour before probing starts.</summary>
    public TimeSpan? RegistersAt { get; init; }

    /// <summary>Whether the attempt for a probe slot at a scenario time fails.</summary>
    public Func<long, TimeSpan, bool> ProbeFails { get; init; } = (_, _) => false;

    public OutboundFailureKind Failure { get; init; } = OutboundFailureKind.Timeout;

    /// <summary>Latency of a successful probe for a slot.</summary>
    public Func<long, double> LatencyMs { get; init; } = _ => 40;

    /// <summary>How long after a change of the concept the student's model is back at the true concept; zero is
    /// at once (a perfect student), null never (trained once).</summary>
    public TimeSpan? AdaptsAfter { get; init; } = TimeSpan.Zero;

    /// <summary>Where the student's model stands after a change, before it adapts, between the stale model (0) and the
    /// true concept (1): a learnt model the change hurts less than the stale one sits above 0.</summary>
    public double UnadaptedQuality { get; init; }

    /// <summary>Where the student's model stands once it has adapted: 1 is the true concept.</summary>
    public double AdaptedQuality { get; init; } = 1;

    public static StudentBehaviour Perfect { get; } = new();
}
