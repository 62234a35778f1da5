namespace PPipe.Scenarios.Timeline;

/// <summary>A batch in scenario time. <see cref="LabelsAt"/> is when its labels are revealed (at the end of the
/// scenario at the latest). <see cref="LateUntil"/> is when late work stops being taken: the due time under the
/// reject policy, due + cutoff with a cutoff (at most the end), null when late work is taken to the end.
/// <see cref="TakenUntil"/>, for a forecast only, is when the release that publishes the values the batch asks for comes
/// out: from then on no work is taken, whatever a cohort's own late policy or a student's extension says, because the
/// answers could be copied from it.</summary>
public sealed record ScheduledBatch(
    int Seq,
    TimeSpan OpensAt,
    TimeSpan DueAt,
    TimeSpan LabelsAt,
    TimeSpan? LateUntil,
    int Rows,
    IReadOnlyList<string> Columns,
    TimeSpan? TakenUntil = null)
{
    public BatchStatus StatusAt(TimeSpan t) => t < OpensAt ? BatchStatus.Upcoming : t < DueAt ? BatchStatus.Open : BatchStatus.Closed;

    public SubmissionTiming JudgeSubmission(TimeSpan t) =>
        t < OpensAt ? SubmissionTiming.NotOpen
        : TakenUntil is { } taken && t >= taken ? SubmissionTiming.Refused
        : t < DueAt ? SubmissionTiming.OnTime
        : LateUntil is { } until && t >= until ? SubmissionTiming.Refused
        : SubmissionTiming.Late;
}
