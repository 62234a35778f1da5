using PPipe.Frontend.Assessment;
using PPipe.Frontend.Cohorts.Monitor;
using PPipe.Frontend.Students;
using PPipe.Grains.Interfaces.Assessment;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Grains.Interfaces.Probes;

namespace PPipe.Frontend.Cohorts;

/// <summary>
/// <c>GET .../students/{studentId}</c>: what the instructors' drill-down shows of one student. Who they are, their
/// endpoint and webhook, every release fetched (when, through which channel), the latest webhook attempts, every batch
/// with its submissions and score, a summary of the newest probes, and the merged timeline of all of it; whether the
/// student is enrolled or was removed (and when), and when their progress was last reset.
/// </summary>
public sealed record StudentDetailResponse(
    string StudentId,
    string Name,
    string Email,
    DateTimeOffset EnrolledAt,
    MeResponse.EndpointPart Endpoint,
    MeResponse.WebhookPart Webhook,
    IReadOnlyList<MeResponse.FetchPart> Fetched,
    IReadOnlyList<StudentDetailResponse.WebhookAttempt> WebhookAttempts,
    IReadOnlyList<StudentDetailResponse.BatchOutcome> Batches,
    StudentDetailResponse.ProbeSummary Probes,
    int CopyFlags,
    IReadOnlyList<TimelineEntry> Timeline,
    StudentStatus Status,
    DateTimeOffset? RemovedAt,
    DateTimeOffset? ProgressResetAt)
{
    /// <summary>How many probes are summarized: the newest ones, as on the drill-down page.</summary>
    public const int ProbesShown = 50;

    /// <summary>One delivery attempt of a release notification: HTTP status (null when none came) or error, and latency.</summary>
    public sealed record WebhookAttempt(int Seq, int Attempt, DateTimeOffset At, int? Status, string? Error, double LatencyMs);

    /// <summary>One batch for this student: submissions, what remain, the deadline, and once scored the score, relative score and lateness.</summary>
    public sealed record BatchOutcome(int Seq, int Submissions, int Remaining, DateTimeOffset? DueAt, bool Scored, double? Score, double? RelativeScore, bool Late);

    /// <summary>The newest probes (at most <see cref="ProbesShown"/>): how many, how many passed, the median latency of those, and the probes.</summary>
    public sealed record ProbeSummary(int Count, int Ok, double? MedianLatencyMs, IReadOnlyList<ProbeView> Recent);

    public static StudentDetailResponse Of(EnrollmentSnapshot student, IReadOnlyList<BatchProgress> batches, IReadOnlyList<ProbeResult> probes,
        IReadOnlyList<TimelineEntry> timeline)
    {
        ArgumentNullException.ThrowIfNull(student);
        ArgumentNullException.ThrowIfNull(batches);
        ArgumentNullException.ThrowIfNull(probes);
        var passed = probes.Where(p => p.Ok).Select(p => p.LatencyMs).Order().ToList();
        return new StudentDetailResponse(
            student.Student.StudentId,
            student.Student.Name,
            student.Student.Email,
            student.EnrolledAt,
            new MeResponse.EndpointPart(student.EndpointUrl, EndpointStatuses.Of(student)),
            new MeResponse.WebhookPart(student.WebhookUrl),
            [.. student.Fetches.Select(f => new MeResponse.FetchPart(f.Seq, f.At, ChannelNames.Parse(f.Channel)))],
            [.. student.WebhookAttempts.Select(a => new WebhookAttempt(a.Seq, a.Attempt, a.At, a.Status, a.Error, Math.Round(a.LatencyMs, 1)))],
            [.. batches.Select(b => new BatchOutcome(b.Seq, b.Submissions, b.Remaining, b.DueAt, b.Scored, b.Score, b.Relative, b.Late))],
            new ProbeSummary(probes.Count, passed.Count, passed.Count == 0 ? null : Math.Round(passed[passed.Count / 2], 1), [.. probes.Select(ProbeView.Of)]),
            student.CopyFlags,
            timeline,
            student.RemovedAt is null ? StudentStatus.Enrolled : StudentStatus.Removed,
            student.RemovedAt,
            student.ProgressResetAt);
    }
}
