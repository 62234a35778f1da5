namespace PPipe.Grains.Interfaces.Roster;

/// <summary>One student of a roster as the instructor uploads it.</summary>
[GenerateSerializer, Immutable, Alias("ppipe.RosterRow")]
public sealed record RosterRow(string StudentId, string Name, string Email);
