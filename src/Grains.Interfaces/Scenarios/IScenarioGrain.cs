using System.Collections.Immutable;

namespace PPipe.Grains.Interfaces.Scenarios;

/// <summary>An instructor's scenario, keyed by its id: a list of immutable, validated spec versions.</summary>
[Alias("ppipe.IScenarioGrain")]
public interface IScenarioGrain : IGrainWithStringKey
{
    /// <summary>Validates the spec and, when valid, stores it as the next version.</summary>
    [Alias("AddVersion")]
    Task<ScenarioVersionResult> AddVersionAsync(string specText);

    /// <summary>One version, or null when it does not exist.</summary>
    [Alias("GetVersion")]
    Task<ScenarioVersion?> GetVersionAsync(int version);

    /// <summary>Every version, oldest first.</summary>
    [Alias("List")]
    Task<ImmutableArray<ScenarioVersion>> ListAsync();
}
