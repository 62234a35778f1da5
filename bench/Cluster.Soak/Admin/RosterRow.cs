namespace PPipe.Cluster.Soak.Admin;

/// <summary>One row of a roster CSV.</summary>
public sealed record RosterRow(string StudentId, string Name, string Email);
