namespace PPipe.Frontend.Students;

/// <summary>The data of a <c>batch-scored</c> event: the score, the relative score, lateness and how many submissions there were.</summary>
public sealed record BatchScoredEvent(int Seq, double? Score, double? RelativeScore, bool Late, int Submissions);
