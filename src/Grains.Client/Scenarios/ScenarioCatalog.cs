using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using PPipe.Scenarios;
using PPipe.Scenarios.Spec;
using PPipe.Scenarios.Templates;
using PPipe.Scenarios.Timeline;
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

    /// <summary>The scenario of a reference that is known to exist (a cohort's).</summary>
    public async ValueTask<Scenario> GetAsync(string id, int version, CancellationToken cancellationToken = default) =>
        await FindAsync(id, version, cancellationToken) ?? throw new InvalidOperationException($"Scenario {id} v{version} does not exist.");
}
