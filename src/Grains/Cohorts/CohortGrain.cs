using System.Collections.Immutable;
using System.Security.Cryptography;
using PPipe.Grains.Interfaces.Cohorts;
using PPipe.Grains.Interfaces.Credentials;
using PPipe.Grains.Interfaces.Library;
using PPipe.Grains.Interfaces.Roster;

namespace PPipe.Grains.Cohorts;

/// <summary>
/// A cohort's record. It calls nothing but the library while creating itself, so any grain may wait on it: work that
/// spans the roster (enrolling, summarizing) is done by the callers, page by page (see <see cref="ICohortGrain"/>).
/// </summary>
internal sealed class CohortGrain(
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
            Enrolled: 0,
            definition.Late,
            definition.Grading);
        state.State.RosterKey = RandomNumberGenerator.GetBytes(StudentToken.RosterKeyLength);
        await this.WriteOrDeactivateAsync(state);
        var info = state.State.Info;
        await GrainFactory.GetGrain<ILibraryGrain>(ILibraryGrain.Key)
            .AddCohortAsync(new LibraryEntry(info.Id, info.Name, info.CreatedAt, info.ScenarioId, info.Version));
        return true;
    }

    public Task<CohortInfo?> GetAsync() => Task.FromResult(state.State.Info);

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

    public async Task<CohortInfo> SetGradingAsync(CohortGrading? grading)
    {
        var cohort = Existing();
        var now = time.GetUtcNow();
        if (cohort.HasStartedAt(now))
        {
            throw new CohortLifecycleException($"The cohort is {cohort.StatusAt(now).ToString().ToLowerInvariant()}; its grading can only change " +
                "before it starts, since the grades students were shown would change underneath them.");
        }

        return await SaveAsync(cohort with { Grading = grading });
    }

    public async Task<ImmutableArray<byte>> GetRosterKeyAsync()
    {
        Existing();
        if (state.State.RosterKey is not { Length: StudentToken.RosterKeyLength })
        {
            state.State.RosterKey = RandomNumberGenerator.GetBytes(StudentToken.RosterKeyLength);
            await this.WriteOrDeactivateAsync(state);
        }

        return [.. state.State.RosterKey];
    }

    public async Task RecordRosterSizeAsync(int page, int students)
    {
        if (state.State.Info is not { } cohort || page is < 0 or >= RosterPages.Count || students < 0
            || (state.State.PageSizes.Length == RosterPages.Count && state.State.PageSizes[page] == students))
        {
            return;
        }

        if (state.State.PageSizes.Length != RosterPages.Count)
        {
            state.State.PageSizes = new int[RosterPages.Count];
        }

        state.State.PageSizes[page] = students;
        await SaveAsync(cohort with { Enrolled = state.State.PageSizes.Sum() });
    }

    private async Task<CohortInfo> SaveAsync(CohortInfo info)
    {
        state.State.Info = info;
        await this.WriteOrDeactivateAsync(state);
        return info;
    }

    private CohortInfo Existing() =>
        state.State.Info ?? throw new InvalidOperationException($"Cohort '{this.GetPrimaryKeyString()}' does not exist.");
}
