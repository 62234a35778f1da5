namespace PPipe.Grains.Interfaces.Assessment;

/// <summary>
/// Two students of a cohort whose predictions for a batch agree far more than their different rows allow:
/// <see cref="Agreement"/> is Cohen's kappa (labels) or a detrended correlation (values); independent work
/// sits near 0.
/// </summary>
[GenerateSerializer, Immutable, Alias("ppipe.CopyFlag")]
public sealed record CopyFlag(int Batch, string StudentId, string OtherStudentId, double Agreement, DateTimeOffset At);
