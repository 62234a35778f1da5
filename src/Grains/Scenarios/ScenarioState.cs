using PPipe.Grains.Interfaces.Scenarios;

namespace PPipe.Grains.Scenarios;

/// <summary>The versions of one scenario; at most <see cref="ScenarioGrain.MaxVersions"/>.</summary>
[GenerateSerializer, Alias("ppipe.ScenarioState")]
internal sealed class ScenarioState
{
    [Id(0)] public List<ScenarioVersion> Versions { get; set; } = [];
}
