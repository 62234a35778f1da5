using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using PPipe.Scenarios;
using PPipe.Scenarios.Spec;
using PPipe.Scenarios.Templates;
using PPipe.Scenarios.Timeline;
using PPipe.Grains.Interfaces.Cohorts;
using PPipe.Grains.Interfaces.Scenarios;

namespace PPipe.Grains.Client.Scenarios;

/// <summary>
/// Resolves a scenario reference (a built-in template id at version 1, or an uploaded scenario's id
/// and version) to its <see cref="Scenario"/>. Versions are immutable, so each is parsed once per
/// process and kept.
/// </summary>
public sealed class ScenarioCatalog(IGrainFactory grains)
{
    private const int MaxCached = 2048;
    private readonly ConcurrentDictionary<(string Id, int Version), Scenario> _cache = new();
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

        var text = (await grains.GetGrain<IScenarioGrain>(id).GetVersionAsync(version).WaitAsync(cancellationToken))?.SpecText;

        if (text is null)
        {
            return null;
        }

        var read = ScenarioSpecReader.Read(text);
        if (!read.IsValid)
        {
            throw new InvalidOperationException(
                $"Stored scenario {id} v{version} no longer validates: {string.Join("; ", read.Errors)}");
        }

        if (_cache.Count >= MaxCached)
        {
            _cache.Clear();
        }

        return _cache.GetOrAdd((id, version), read.Scenario);
    }

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
