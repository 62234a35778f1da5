namespace PPipe.Grains.Interfaces.Assessment;

/// <summary>
/// One batch as its student sees it: accepted submissions, how many remain, and once scored the metric
/// score, the relative score (0 = the never-retrained model, 1 = the true concept) and whether the counted
/// submission was late.
/// </summary>
[GenerateSerializer, Immutable, Alias("ppipe.BatchProgress")]
public sealed record BatchProgress(int Seq, int Submissions, int Remaining, bool Scored, double? Score, double? Relative, bool Late, DateTimeOffset? DueAt);
