namespace PPipe.Scenarios;

/// <summary>
/// Prediction windows. Batch <c>n</c> (from 1) opens at <see cref="First"/> + (n − 1) × <see cref="Cadence"/>,
/// is due <see cref="DueAfter"/> later, and its labels are revealed <see cref="LabelDelay"/> after the due time.
/// Only batches due by the end of the scenario exist.
/// </summary>
public sealed record BatchPlan(
    TimeSpan First,
    TimeSpan Cadence,
    int Rows,
    TimeSpan DueAfter,
    TimeSpan LabelDelay,
    int SubmissionLimit,
    LatePolicy Late)
{
    public TimeSpan OpensAt(int seq) => First + (seq - 1) * Cadence;

    public TimeSpan DueAt(int seq) => OpensAt(seq) + DueAfter;

    public TimeSpan LabelsAt(int seq) => DueAt(seq) + LabelDelay;

    public int CountWithin(TimeSpan duration) =>
        First + DueAfter > duration ? 0 : (int)((duration - First - DueAfter).Ticks / Cadence.Ticks) + 1;
}
