using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using PPipe.Grains.Client.Datasets;
using PPipe.Scenarios;
using PPipe.Scenarios.Datasets;
using PPipe.Scenarios.Spec;
using PPipe.Scenarios.Templates;
using PPipe.Scenarios.Timeline;
using PPipe.Grains.Interfaces.Cohorts;
using PPipe.Grains.Interfaces.Scenarios;

namespace PPipe.Grains.Client.Scenarios;

/// <summary>
/// Resolves a scenario reference (a built-in template id at version 1, or an uploaded scenario's id
/// and version) to its <see cref="Scenario"/>. Versions are immutable, so each is parsed once per
/// process and kept. A scenario over a dataset is loaded once per process too — the version's rows and its reference
/// predictions, from the dataset store — however many callers ask for it at once.
/// </summary>
public sealed class ScenarioCatalog(IGrainFactory grains, IServiceProvider? services = null)
{
    private const int MaxCached = 2048;
    private readonly ConcurrentDictionary<(string Id, int Version), Scenario> _cache = new();
    private readonly ConcurrentDictionary<(string Id, int Version), Lazy<Task<Scenario>>> _loading = new();
    private readonly ConditionalWeakTable<Scenario, ScenarioSchedule> _schedules = [];
    private readonly ConditionalWeakTable<CohortInfo, CourseGrading> _gradings = [];

    public async ValueTask<Scenario?> FindAsync(string id, int version, CancellationToken cancellationToken = default)
    {
        if (_cache.TryGetValue((id, version), out var cached))
        {
            return cached;
        }

        if (ScenarioTemplates.TryGet(id, out var template))
        {
            return version == 1 ? template.Scenario : null;
        }

        var stored = await grains.GetGrain<IScenarioGrain>(id).GetVersionAsync(version).WaitAsync(cancellationToken);
        if (stored is null)
        {
            return null;
        }

        var scenario = ScenarioSpecReader.DatasetOf(stored.SpecText) is { } dataset
            ? await LoadOverDatasetAsync(stored, dataset).WaitAsync(cancellationToken)
            : Valid(stored, ScenarioSpecReader.Read(stored.SpecText));

        if (_cache.Count >= MaxCached)
        {
            _cache.Clear();
        }

        return _cache.GetOrAdd((id, version), scenario);
    }

    private Task<Scenario> LoadOverDatasetAsync(ScenarioVersion stored, DatasetUse dataset)
    {
        var key = (stored.ScenarioId, stored.Version);
        var loading = _loading.GetOrAdd(key, _ignored => new Lazy<Task<Scenario>>(async () =>
        {
            try
            {
                var source = new DatasetScenarioSource(grains, services?.GetService<IDatasetStore>()
                    ?? throw new InvalidOperationException("This process has no dataset store, so it cannot run scenarios over datasets."));
                // Not the caller's token: other callers wait on the same load.
                var (table, errors) = await source.LoadTableAsync(dataset, CancellationToken.None);
                if (table is null)
                {
                    throw new InvalidOperationException($"Stored scenario {key.ScenarioId} v{key.Version} cannot load its dataset: {string.Join("; ", errors)}");
                }

                var references = stored.References
                    ?? throw new InvalidOperationException($"Stored scenario {key.ScenarioId} v{key.Version} has no reference predictions.");
                table = await source.LoadReferencesAsync(table, references, CancellationToken.None);
                return Valid(stored, ScenarioSpecReader.Read(stored.SpecText, DatasetTemplates.Create(table)));
            }
            finally
            {
                _loading.TryRemove(key, out _);
            }
        }));
        return loading.Value;
    }

    private static Scenario Valid(ScenarioVersion stored, SpecReadResult read) => read.IsValid
        ? read.Scenario
        : throw new InvalidOperationException($"Stored scenario {stored.ScenarioId} v{stored.Version} no longer validates: {string.Join("; ", read.Errors)}");

    /// <summary>The schedule of a scenario, computed once per scenario object.</summary>
    public ScenarioSchedule ScheduleOf(Scenario scenario) => _schedules.GetValue(scenario, s => new ScenarioSchedule(s));

    /// <summary>
    /// How a cohort grades: <paramref name="scenario"/> (the cohort's) with the cohort's own weights and policy, or its own
    /// rubric and the weighted mean. Worked out once per cohort object, which a process's cohort view keeps for a second or
    /// more, not at every grade.
    /// </summary>
    public CourseGrading GradingOf(CohortInfo cohort, Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        ArgumentNullException.ThrowIfNull(scenario);
        if (!_gradings.TryGetValue(cohort, out var grading))
        {
            grading = cohort.Grading is { } own
                ? new CourseGrading(
                    scenario.Grading.WithWeights(own.Weights.ToDictionary(w => CriterionOf(w.Key), w => w.Value))
                        ?? throw new InvalidOperationException($"Cohort {cohort.Id} switches off every criterion of {cohort.ScenarioId} v{cohort.Version}."),
                    CourseGrading.Policies[own.Policy])
                : new CourseGrading(scenario.Grading, GradingPolicy.WeightedMean);
            _gradings.AddOrUpdate(cohort, grading);
        }

        return grading;
    }

    /// <summary>The scenario of a reference that is known to exist (a cohort's).</summary>
    public async ValueTask<Scenario> GetAsync(string id, int version, CancellationToken cancellationToken = default) =>
        await FindAsync(id, version, cancellationToken) ?? throw new InvalidOperationException($"Scenario {id} v{version} does not exist.");

    private static Criterion CriterionOf(string name) => ScenarioNames.TryParse<Criterion>(name, out var criterion)
        ? criterion
        : throw new InvalidOperationException($"'{name}' is not a criterion.");
}
