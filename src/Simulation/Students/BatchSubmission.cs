namespace PPipe.Simulation.Students;

/// <summary>
/// One attempt to submit predictions for a batch: when, the batch's due time as listed, the platform's
/// status code (202 accepted), whether the platform called it late, and whether the predictions were
/// copied from another student. <see cref="Problem"/> holds the response body when it was refused.
/// </summary>
public sealed record BatchSubmission(int Seq, DateTimeOffset At, DateTimeOffset? DueAt, int Status, int Rows, bool Late, bool Copied, string? Problem)
{
    public bool Accepted => Status is >= 200 and < 300;
}
