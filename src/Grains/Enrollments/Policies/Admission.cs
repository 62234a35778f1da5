using PPipe.Grains.Interfaces.Assessment;

namespace PPipe.Grains.Enrollments.Policies;

/// <summary>Whether a submission is taken (<see cref="SubmissionStatus.Accepted"/>, and then whether late) and what the student is told;</summary>
/// <see cref="Remaining"/> is how many submissions the batch took before this one.
internal sealed record Admission(SubmissionStatus Status, bool Late, string Detail, int Remaining)
{
    public bool Accepted => Status == SubmissionStatus.Accepted;

    /// <summary>The answer to the student: for an accepted submission its id and rows, with one submission fewer remaining.</summary>
    public SubmissionResult Result(DateTimeOffset receivedAt, string? submissionId = null, int rows = 0) => Accepted
        ? new SubmissionResult(Status, submissionId, receivedAt, rows, Late, Remaining - 1, Detail)
        : new SubmissionResult(Status, null, receivedAt, 0, false, Remaining, Detail);
}
