using PPipe.Scenarios.Timeline;

namespace PPipe.Grains.Assessment;

/// <summary>A batch whose quality can be shown: its schedule, its outcome (null when nothing was ever sent) and
/// its quality on the <see cref="QualityScale"/> (late penalty applied; 0 without a submission).</summary>
internal sealed record JudgedBatch(ScheduledBatch Batch, BatchOutcome? Outcome, double Quality)
{
    public bool Missing => Outcome is null || Outcome.Score is null;
}
