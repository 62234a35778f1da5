using PPipe.Grains.Interfaces.Assessment;
using PPipe.Grains.Interfaces.Outbound;

namespace PPipe.Grains.Interfaces.Probes;

/// <summary>
/// One attempt to call a student's model endpoint. A retry is a second result with <see cref="Attempt"/> 2,
/// never hidden. <see cref="Slot"/> is the scenario's probe slot, or −1 for the verification probe sent
/// when the endpoint is registered, or below it (<see cref="FirstRolloutSlot"/> down) for the extra probes sent around a deploy
/// (<see cref="IsRolloutProbe"/>). <see cref="ScenarioAt"/> is the scenario time the rows were drawn at.
/// On failure, <see cref="Failure"/> says why and <see cref="Error"/> says it in words a student can act on. An answer may
/// name the <see cref="Model"/> that gave it; <see cref="Note"/> says why a model it named was ignored (the probe still counts).
/// <see cref="Predictions"/> are the first (at most <see cref="PredictionSample"/>) predictions of a successful answer, in the
/// metric's form, for the enrollment's reproducibility check; the enrollment keeps what it needs and records the result without them.
/// </summary>
[GenerateSerializer, Immutable, Alias("ppipe.ProbeResult")]
public sealed record ProbeResult(
    long Slot,
    int Attempt,
    DateTimeOffset At,
    TimeSpan ScenarioAt,
    bool Ok,
    int? Status,
    double LatencyMs,
    OutboundFailureKind? Failure,
    string? Error,
    int Rows,
    ProbeQuality? Quality,
    ModelStamp? Model = null,
    string? Note = null,
    double[]? Predictions = null)
{
    public const long VerificationSlot = -1;

    /// <summary>The most predictions a result carries (<see cref="Predictions"/>).</summary>
    public const int PredictionSample = 64;
    /// <summary>The slot of the first extra probe around a deploy; the n-th (from 0) is <c>−2 − n</c>.</summary>
    public const long FirstRolloutSlot = -2;

    /// <summary>An extra probe sent around a deploy: off the schedule, so it counts toward no probe bucket.</summary>
    public bool IsRolloutProbe => Slot <= FirstRolloutSlot;

    /// <summary>The slot of the <paramref name="n"/>-th extra probe (from 0) of an enrollment.</summary>
    public static long RolloutSlot(long n) => FirstRolloutSlot - n;
}
