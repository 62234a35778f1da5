namespace PPipe.Frontend.Assessment;

/// <summary>One copy flag: the batch, the two students whose predictions agree suspiciously, how much, and when it was found.</summary>
public sealed record CopyFlagView(int Batch, IReadOnlyList<string> Students, double Agreement, DateTimeOffset At);
