using System.Collections.Concurrent;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Grains.Client.Scenarios;
using PPipe.Grains.Client.Cohorts;

namespace PPipe.Frontend.Students;

/// <summary>
/// What a student request needs to know, resolved with as few grain calls as possible: the cohort
/// (cached for a second), its scenario and schedule (immutable, cached for good), and — only when
/// data must be generated — the enrollment's seed (immutable, cached).
/// </summary>
public sealed class StudentContext(CohortDirectory cohorts, ScenarioCatalog scenarios, IGrainFactory grains, TimeProvider time)
{
    private const int MaxCachedSeeds = 200_000;
    private readonly ConcurrentDictionary<string, ulong> _seeds = new(StringComparer.Ordinal);

    public async ValueTask<StudentView> ResolveAsync(EnrollmentKey enrollment)
    {
        var cohort = await cohorts.GetAsync(enrollment.CohortId)
            ?? throw new InvalidOperationException($"The cohort of enrollment {enrollment} does not exist.");
        var scenario = await scenarios.GetAsync(cohort.ScenarioId, cohort.Version);
        return new StudentView(enrollment, cohort, scenario, scenarios.ScheduleOf(scenario), time.GetUtcNow());
    }

    /// <summary>The enrollment's data seed: read once from its grain, then from memory.</summary>
    public async ValueTask<ulong> SeedOfAsync(EnrollmentKey enrollment)
    {
        var key = enrollment.ToString();
        if (_seeds.TryGetValue(key, out var seed))
        {
            return seed;
        }

        var snapshot = await grains.GetGrain<IEnrollmentGrain>(key).GetAsync()
            ?? throw new InvalidOperationException($"Enrollment {enrollment} does not exist.");
        if (_seeds.Count >= MaxCachedSeeds)
        {
            _seeds.Clear();
        }

        _seeds[key] = snapshot.Seed;
        return snapshot.Seed;
    }
}
