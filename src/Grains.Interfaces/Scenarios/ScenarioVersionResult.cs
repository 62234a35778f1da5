using System.Collections.Immutable;

namespace PPipe.Grains.Interfaces.Scenarios;

/// <summary>The version a spec was stored as, or every validation error (path and message) when it was refused.</summary>
[GenerateSerializer, Immutable, Alias("ppipe.ScenarioVersionResult")]
public sealed record ScenarioVersionResult(int? Version, ImmutableArray<ScenarioSpecProblem> Errors);
