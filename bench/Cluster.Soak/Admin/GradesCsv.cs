namespace PPipe.Cluster.Soak.Admin;

/// <summary>What <c>grades.csv</c> held: its students, their overall levels, and whether it was complete.</summary>
public sealed record GradesCsv(int Status, TimeSpan Elapsed, IReadOnlySet<string> StudentIds, IReadOnlyDictionary<string, int> OverallLevels,
    int Rows, string? Failure);
