namespace PPipe.Grains.Interfaces.Roster;

/// <summary>A roster row with its position in the upload (from 1), so outcomes can name it.</summary>
[GenerateSerializer, Immutable, Alias("ppipe.NumberedRosterRow")]
public sealed record NumberedRosterRow(int Row, RosterRow Student);
