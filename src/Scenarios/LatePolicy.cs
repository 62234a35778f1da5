namespace PPipe.Scenarios;

/// <summary>
/// How late submissions are treated. <see cref="Penalty"/> is the fraction of the batch score lost
/// (only for <see cref="LatePolicyKind.Penalty"/>); <see cref="Cutoff"/> is how long after the due time
/// late work is still taken (null: until the batch's labels are revealed). No work is taken once a batch's labels are
/// revealed, whatever the cutoff: see <see cref="Timeline.ScheduledBatch.TakenUntil"/>.
/// </summary>
public sealed record LatePolicy(LatePolicyKind Kind, double Penalty, TimeSpan? Cutoff);
