using PPipe.Grains.Interfaces.Assessment;
using PPipe.Grains.Interfaces.Outbound;
using PPipe.Grains.Interfaces.Probes;

namespace PPipe.Frontend.Assessment;

/// <summary>
/// One probe of a model endpoint as api-v1 shows it: when, whether it passed, the HTTP status, latency, error,
/// rows sent, the score of its answers, the attempt, why it failed, whether it was the registration's verification, the
/// model the answer named, and a note when the model it named was ignored.
/// </summary>
public sealed record ProbeView(
    DateTimeOffset At,
    bool Ok,
    int? Status,
    double LatencyMs,
    string? Error,
    int Rows,
    double? Score,
    int Attempt,
    OutboundFailureKind? Failure,
    bool Verification,
    ModelStamp? Model,
    string? Note)
{
    public static ProbeView Of(ProbeResult probe)
    {
        ArgumentNullException.ThrowIfNull(probe);
        return new ProbeView(
            probe.At,
            probe.Ok,
            probe.Status,
            Math.Round(probe.LatencyMs, 1),
            probe.Error,
            probe.Rows,
            probe.Quality is { } quality && double.IsFinite(quality.Score) ? quality.Score : null,
            probe.Attempt,
            probe.Failure,
            probe.Slot == ProbeResult.VerificationSlot,
            probe.Model,
            probe.Note);
    }
}
