namespace PPipe.Grains.Interfaces.Scenarios;

/// <summary>One immutable version of an uploaded scenario: the spec text exactly as accepted, and for a scenario over a
/// dataset the key its reference models' predictions are stored under in the dataset store.</summary>
[GenerateSerializer, Immutable, Alias("ppipe.ScenarioVersion")]
public sealed record ScenarioVersion(
    string ScenarioId,
    int Version,
    string Title,
    string SpecText,
    DateTimeOffset CreatedAt,
    Guid? References = null);
