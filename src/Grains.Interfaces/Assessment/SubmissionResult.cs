namespace PPipe.Grains.Interfaces.Assessment;

/// <summary>
/// The answer to a submission: its status, and when accepted its id, receipt time, row count and whether it
/// was late. <see cref="Remaining"/> is how many more submissions the batch takes; <see cref="Detail"/> says
/// what happened in words a student can act on.
/// </summary>
[GenerateSerializer, Immutable, Alias("ppipe.SubmissionResult")]
public sealed record SubmissionResult(
    SubmissionStatus Status,
    string? SubmissionId,
    DateTimeOffset ReceivedAt,
    int Rows,
    bool Late,
    int Remaining,
    string Detail);
