namespace PPipe.Frontend.Surveys;

/// <summary>An instrument version stored (or found stored already, with the same text): its id and version.</summary>
public sealed record InstrumentCreated(string Id, int Version);
