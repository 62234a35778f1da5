namespace PPipe.Grains.Interfaces.Roster;

/// <summary>A student in a cohort's roster page.</summary>
[GenerateSerializer, Immutable, Alias("ppipe.RosterEntry")]
public sealed record RosterEntry(string StudentId, string Name, string Email, DateTimeOffset EnrolledAt);
