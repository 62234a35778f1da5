using System.Collections.Immutable;
using PPipe.Grains.Roster;

namespace PPipe.Grains.Cohorts;

public sealed class CohortGrain(
    [PersistentState("cohort", StorageNames.Default)] IPersistentState<CohortState> state,
    TimeProvider time) : Grain, ICohortGrain
{
    public async Task<bool> CreateAsync(CohortDefinition definition, TimeSpan scenarioDuration)
    {
        if (state.State.Info is not null)
        {
            return false;
        }

        state.State.Info = new CohortInfo(
            this.GetPrimaryKeyString(),
            definition.Name,
            definition.ScenarioId,
            definition.Version,
            CohortClock.Create(definition.StartsAt, definition.Speed),
            scenarioDuration,
            time.GetUtcNow(),
            Enrolled: 0);
        await state.WriteStateAsync();
        return true;
    }

    public Task<CohortInfo?> GetAsync() => Task.FromResult(state.State.Info);

    public async Task<ImmutableArray<EnrollmentOutcome>> EnrollAsync(ImmutableArray<NumberedRosterRow> roster)
    {
        var cohort = Existing();
        var byPage = roster.GroupBy(row => RosterPages.PageOf(row.Student.StudentId));
        var pages = await Task.WhenAll(byPage.Select(group =>
            GrainFactory.GetGrain<IRosterPageGrain>(RosterPages.KeyOf(cohort.Id, group.Key))
                .EnrollAsync(cohort, [.. group])));

        var outcomes = pages.SelectMany(p => p).OrderBy(o => o.Row).ToImmutableArray();
        var enrolled = outcomes.Count(o => o.Token is not null);
        if (enrolled > 0)
        {
            state.State.Info = cohort with { Enrolled = cohort.Enrolled + enrolled };
            await state.WriteStateAsync();
        }

        return outcomes;
    }

    public async Task<CohortInfo> PauseAsync()
    {
        var cohort = Existing();
        var now = time.GetUtcNow();
        var status = cohort.StatusAt(now);
        if (status is CohortStatus.Paused or CohortStatus.Finished)
        {
            throw new CohortLifecycleException($"The cohort is {status.ToString().ToLowerInvariant()}; only a draft or running cohort can be paused.");
        }

        return await SaveAsync(cohort with { Clock = cohort.Clock.Pause(now) });
    }

    public async Task<CohortInfo> ResumeAsync()
    {
        var cohort = Existing();
        if (!cohort.Clock.IsPaused)
        {
            throw new CohortLifecycleException($"The cohort is {cohort.StatusAt(time.GetUtcNow()).ToString().ToLowerInvariant()}, not paused.");
        }

        return await SaveAsync(cohort with { Clock = cohort.Clock.Resume(time.GetUtcNow()) });
    }

    private async Task<CohortInfo> SaveAsync(CohortInfo info)
    {
        state.State.Info = info;
        await state.WriteStateAsync();
        return info;
    }

    private CohortInfo Existing() =>
        state.State.Info ?? throw new InvalidOperationException($"Cohort '{this.GetPrimaryKeyString()}' does not exist.");
}
