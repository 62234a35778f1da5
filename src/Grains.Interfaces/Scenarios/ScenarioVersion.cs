namespace PPipe.Grains.Interfaces.Scenarios;

/// <summary>One immutable version of an uploaded scenario: the spec text exactly as accepted.</summary>
[GenerateSerializer, Immutable, Alias("ppipe.ScenarioVersion")]
public sealed record ScenarioVersion(string ScenarioId, int Version, string Title, string SpecText, DateTimeOffset CreatedAt);
