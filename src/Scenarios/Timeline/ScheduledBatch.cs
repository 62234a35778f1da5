namespace PPipe.Scenarios.Timeline;

/// <summary>A batch in scenario time, and the one place that decides when work for it is taken.
/// <see cref="LabelsAt"/> is when its labels are revealed (at the end of the scenario at the latest).
/// <see cref="ValuesPublishedAt"/>, for a forecast only, is when the release that publishes the values the batch asks for
/// comes out. <see cref="TakenUntil"/> is the earlier of the two: from then on no work is taken, whatever a late policy or
/// a student's extension says, because the answers could be copied from what is out. <see cref="Late"/> is the scenario's
/// own late policy (a cohort may have another).</summary>
public sealed record ScheduledBatch(
    int Seq,
    TimeSpan OpensAt,
    TimeSpan DueAt,
    TimeSpan LabelsAt,
    LatePolicy Late,
    int Rows,
    IReadOnlyList<string> Columns,
    TimeSpan? ValuesPublishedAt = null)
{
    /// <summary>When the batch stops taking any work, on time or late, under any policy and extension: when its labels
    /// are revealed, or for a forecast when the values it asks for are published, if that comes first.</summary>
    public TimeSpan TakenUntil => ValuesPublishedAt is { } published && published < LabelsAt ? published : LabelsAt;

    /// <summary>When late work stops being taken under the scenario's own policy: see <see cref="LateUntilUnder"/>.</summary>
    public TimeSpan LateUntil => LateUntilUnder(Late);

    /// <summary>Whether the labels' reveal is what <see cref="TakenUntil"/> stands for (else a forecast's values come out first).</summary>
    public bool ClosesWithItsLabels => TakenUntil == LabelsAt;

    public BatchStatus StatusAt(TimeSpan t) => t < OpensAt ? BatchStatus.Upcoming : t < DueAt ? BatchStatus.Open : BatchStatus.Closed;

    /// <summary>When late work stops being taken under <paramref name="late"/>, before any extension: the due time under the
    /// reject policy, due + cutoff with a cutoff, and never after <see cref="TakenUntil"/> (so without a cutoff, when the
    /// labels are revealed).</summary>
    public TimeSpan LateUntilUnder(LatePolicy late)
    {
        ArgumentNullException.ThrowIfNull(late);
        var until = late.Kind == LatePolicyKind.Reject ? DueAt
            : late.Cutoff is { } cutoff ? DueAt + cutoff
            : TakenUntil;
        return Min(until, TakenUntil);
    }

    /// <summary>When on-time work stops for a student with <paramref name="extension"/>: the due time plus the extension,
    /// at most <see cref="TakenUntil"/>.</summary>
    public TimeSpan DueFor(TimeSpan extension) => Min(DueAt + extension, TakenUntil);

    /// <summary>When any work stops for a student with <paramref name="extension"/> under <paramref name="late"/>: the late
    /// cutoff plus the extension, at most <see cref="TakenUntil"/>.</summary>
    public TimeSpan ClosesFor(LatePolicy late, TimeSpan extension) => Min(LateUntilUnder(late) + extension, TakenUntil);

    /// <summary>Whether work under <paramref name="late"/> with <paramref name="extension"/> stops at <see cref="TakenUntil"/>
    /// while the policy alone would still take it: the labels (or a forecast's values) end it, not the policy.</summary>
    public bool ClosedBeforeThePolicy(LatePolicy late, TimeSpan extension)
    {
        ArgumentNullException.ThrowIfNull(late);
        return late.Kind != LatePolicyKind.Reject
            ? late.Cutoff is not { } cutoff || DueAt + cutoff + extension > TakenUntil
            : DueAt + extension > TakenUntil;
    }

    /// <summary>How a submission at <paramref name="t"/> is treated under the scenario's own policy, without an extension.</summary>
    public SubmissionTiming JudgeSubmission(TimeSpan t) => JudgeSubmission(t, Late, TimeSpan.Zero);

    /// <summary>How a submission at <paramref name="t"/> is treated under <paramref name="late"/> for a student with
    /// <paramref name="extension"/>, which moves the due time and the cutoff but not the opening, nor <see cref="TakenUntil"/>.</summary>
    public SubmissionTiming JudgeSubmission(TimeSpan t, LatePolicy late, TimeSpan extension) =>
        t < OpensAt ? SubmissionTiming.NotOpen
        : t >= TakenUntil ? SubmissionTiming.Refused
        : t - extension < DueAt ? SubmissionTiming.OnTime
        : t - extension >= LateUntilUnder(late) ? SubmissionTiming.Refused
        : SubmissionTiming.Late;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
