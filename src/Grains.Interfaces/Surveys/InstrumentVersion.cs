namespace PPipe.Grains.Interfaces.Surveys;

/// <summary>One immutable version of an uploaded survey instrument: the spec text exactly as accepted.</summary>
[GenerateSerializer, Immutable, Alias("ppipe.InstrumentVersion")]
public sealed record InstrumentVersion(string InstrumentId, int Version, string Title, string SpecText, DateTimeOffset CreatedAt);
