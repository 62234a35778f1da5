using System.Collections.Immutable;

namespace PPipe.Grains.Interfaces.Scenarios;

/// <summary>An instructor's scenario, keyed by its id: a list of immutable, validated spec versions.</summary>
[Alias("ppipe.IScenarioGrain")]
public interface IScenarioGrain : IGrainWithStringKey
{
    /// <summary>Validates the spec and, when valid, stores it as the next version.</summary>
    [Alias("AddVersion")]
    Task<ScenarioVersionResult> AddVersionAsync(string specText);

    /// <summary>
    /// Stores a spec over a dataset as the next version. The caller read it against the dataset, found it valid, fitted
    /// the reference models and stored their predictions under <paramref name="references"/> (a silo cannot validate such a
    /// spec alone: that needs the dataset's rows). Refused when the text does not name a dataset.
    /// </summary>
    [Alias("AddDatasetVersion")]
    Task<ScenarioVersionResult> AddDatasetVersionAsync(string specText, string title, Guid references);

    /// <summary>One version, or null when it does not exist.</summary>
    [Alias("GetVersion")]
    Task<ScenarioVersion?> GetVersionAsync(int version);

    /// <summary>Every version, oldest first.</summary>
    [Alias("List")]
    Task<ImmutableArray<ScenarioVersion>> ListAsync();
}
