using System.Collections.Immutable;

namespace PPipe.Grains.Interfaces.Library;

/// <summary>
/// The instructors' index of uploaded scenarios, uploaded datasets and created cohorts, keyed <see cref="Key"/>. Grains add
/// to it when they create something; only instructors' pages read it, never a student request. It keeps
/// the newest <see cref="MaxEntries"/> of each kind; older ones stay reachable by id.
/// </summary>
[Alias("ppipe.ILibraryGrain")]
public interface ILibraryGrain : IGrainWithStringKey
{
    public const string Key = "library";
    public const int MaxEntries = 5_000;

    /// <summary>Records a scenario's newest version (replacing the entry of an older version).</summary>
    [Alias("AddScenario")]
    Task AddScenarioAsync(LibraryEntry scenario);

    /// <summary>Records a cohort.</summary>
    [Alias("AddCohort")]
    Task AddCohortAsync(LibraryEntry cohort);

    /// <summary>Records a dataset's newest version (replacing the entry of an older version).</summary>
    [Alias("AddDataset")]
    Task AddDatasetAsync(LibraryEntry dataset);

    /// <summary>Uploaded datasets, newest first (<see cref="LibraryEntry.Version"/> is the latest version).</summary>
    [Alias("Datasets")]
    Task<ImmutableArray<LibraryEntry>> DatasetsAsync();

    /// <summary>Uploaded scenarios, newest first (<see cref="LibraryEntry.Version"/> is the latest version).</summary>
    [Alias("Scenarios")]
    Task<ImmutableArray<LibraryEntry>> ScenariosAsync();

    /// <summary>Cohorts, newest first (<see cref="LibraryEntry.ScenarioId"/> and version say what they run).</summary>
    [Alias("Cohorts")]
    Task<ImmutableArray<LibraryEntry>> CohortsAsync();
}
