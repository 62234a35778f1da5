namespace PPipe.Grains.Interfaces.Assessment;

/// <summary>A ranked student: overall score and level.</summary>
[GenerateSerializer, Immutable, Alias("ppipe.LeaderboardEntry")]
public sealed record LeaderboardEntry(string StudentId, string Name, double Score, string Level);
