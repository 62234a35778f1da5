using PPipe.Grains.Assessment;
using PPipe.Grains.Interfaces.Assessment;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Grains.Interfaces.Roster;

namespace PPipe.Grains.Enrollments.Policies;

/// <summary>
/// The compact progress an enrollment pushes to its roster page, and when. Every change of what the page counts is
/// reported (a fetch, a submission, a batch scored with or without a submission, an endpoint registered) except
/// probe results, which can come several times a second at demo speeds: the page hears of a change in the
/// endpoint's state at once, of everything else probes change (the grade) at most every <see cref="ProbeInterval"/>.
/// </summary>
internal static class ProgressReport
{
    /// <summary>The longest a roster page waits to hear of probe results that changed nothing but the grade.</summary>
    public static readonly TimeSpan ProbeInterval = TimeSpan.FromSeconds(5);

    /// <summary>The student's progress: fetches, grade and criterion scores, endpoint state and batch counts (due: scored, with or without a submission).</summary>
    public static StudentProgress Of(
        string studentId, IReadOnlyList<FetchRecord> fetches, IReadOnlyList<BatchOutcome> batches, bool? endpointUp, GradeReport grade)
    {
        int due = 0, onTime = 0, submitted = 0;
        foreach (var batch in batches)
        {
            due += batch.Scored ? 1 : 0;
            onTime += batch.Scored && batch.Submissions > 0 && !batch.CountedLate ? 1 : 0;
            submitted += batch.Submissions > 0 ? 1 : 0;
        }

        return new StudentProgress(
            studentId,
            [.. fetches.Select(f => f.Seq)],
            grade.OverallScore,
            grade.OverallLevel,
            endpointUp,
            onTime,
            due,
            submitted,
            fetches.Count > 0 ? fetches.Max(f => f.At) : null,
            [.. (grade.Criteria.IsDefault ? [] : grade.Criteria).Where(c => c.Score is { } score && double.IsFinite(score)).Select(c => new CriterionScore(c.Name, c.Score!.Value))]);
    }

    /// <summary>Whether probe results recorded at <paramref name="now"/> are reported: the endpoint's state changed, or the last report is old enough.</summary>
    public static bool IsDueAfterProbes(bool? endpointUp, bool? reportedEndpointUp, DateTimeOffset reportedAt, DateTimeOffset now) =>
        endpointUp != reportedEndpointUp || now - reportedAt >= ProbeInterval;
}
