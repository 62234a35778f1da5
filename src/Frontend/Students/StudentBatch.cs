using PPipe.Grains.Interfaces.Assessment;
using PPipe.Scenarios.Timeline;

namespace PPipe.Frontend.Students;

/// <summary>
/// One prediction window as its student sees it (<c>GET /api/v1/batches</c> and the student's page): the
/// schedule's times by the cohort's clock, this student's deadline (with any extension), and their outcome.
/// </summary>
public sealed record StudentBatch(
    int Seq,
    DateTimeOffset? OpensAt,
    DateTimeOffset? DueAt,
    int Rows,
    StudentBatchStatus Status,
    int Submissions,
    int? Remaining,
    double? Score,
    double? RelativeScore,
    bool Late,
    DateTimeOffset? LabelsAt)
{
    /// <summary>Every batch of the scenario joined with the student's progress; status is <c>scored</c> once scored.</summary>
    public static IReadOnlyList<StudentBatch> ListOf(StudentView view, IReadOnlyList<BatchProgress> progress) =>
        [.. view.Schedule.Batches.Select(b =>
        {
            var mine = progress.FirstOrDefault(p => p.Seq == b.Seq);
            return new StudentBatch(
                b.Seq,
                view.WallTimeAt(b.OpensAt),
                mine?.DueAt ?? view.WallTimeAt(b.DueAt),
                b.Rows,
                mine is { Scored: true } ? StudentBatchStatus.Scored : StatusOf(b.StatusAt(view.Elapsed)),
                mine?.Submissions ?? 0,
                mine?.Remaining,
                mine?.Score,
                mine?.Relative,
                mine?.Late ?? false,
                view.WallTimeAt(b.LabelsAt));
        })];

    private static StudentBatchStatus StatusOf(BatchStatus status) => status switch
    {
        BatchStatus.Upcoming => StudentBatchStatus.Upcoming,
        BatchStatus.Open => StudentBatchStatus.Open,
        _ => StudentBatchStatus.Closed,
    };
}
