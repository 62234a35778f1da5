using PPipe.Grains.Interfaces.Assessment;
using System.Collections.Immutable;
using PPipe.Grains.Interfaces.Library;
using PPipe.Grains.Roster;
using PPipe.Grains.Interfaces.Roster;
using PPipe.Grains.Interfaces.Cohorts;

namespace PPipe.Grains.Cohorts;

internal sealed class CohortGrain(
    [PersistentState("cohort", StorageNames.Default)] IPersistentState<CohortState> state,
    TimeProvider time) : Grain, ICohortGrain
{
    /// <summary>Dashboards refresh often; one summary serves them all for this long.</summary>
    private static readonly TimeSpan SummaryFreshness = TimeSpan.FromSeconds(1);
    private CohortSummary? _summary;
    private (int LatestRelease, Task<CohortSummary> Summary)? _summarizing;

    /// <summary>Counts roster changes, so a summary begun before one is not kept as fresh after it.</summary>
    private long _rosterChanges;
    private ImmutableArray<LeaderboardEntry> _top = [];

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
            definition.Late);
        await this.WriteOrDeactivateAsync(state);
        var info = state.State.Info;
        await GrainFactory.GetGrain<ILibraryGrain>(ILibraryGrain.Key)
            .AddCohortAsync(new LibraryEntry(info.Id, info.Name, info.CreatedAt, info.ScenarioId, info.Version));
        await GrainFactory.GetGrain<ICohortHistoryGrain>(info.Id).StartAsync();
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
            // A turn of its own: this call interleaves, so it writes nothing itself.
            await this.AsReference<ICohortGrain>().AddEnrolledAsync(enrolled);
        }

        return outcomes;
    }

    public async Task AddEnrolledAsync(int count)
    {
        await SaveAsync(Existing() with { Enrolled = Existing().Enrolled + count });
        _rosterChanges++;
        _summary = null; // the next summary counts the new students
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

    public async Task<CohortSummary> SummarizeAsync(int latestRelease)
    {
        var cohort = Existing();
        var now = time.GetUtcNow();
        if (_summary is { } cached && cached.LatestRelease == latestRelease && now - cached.AsOf < SummaryFreshness)
        {
            return cached;
        }

        // Summaries asked for while one is under way share it.
        if (_summarizing is not { } pending || pending.LatestRelease != latestRelease)
        {
            _summarizing = pending = (latestRelease, SummarizePagesAsync(cohort.Id, latestRelease, now));
        }

        try
        {
            return await pending.Summary;
        }
        finally
        {
            if (_summarizing == pending)
            {
                _summarizing = null;
            }
        }
    }

    public async Task<ImmutableArray<LeaderboardEntry>> LeaderboardAsync(int top)
    {
        // Pre-aggregated with the summary: each page offers its best, so this is a merge of small lists.
        await SummarizeAsync(_summary?.LatestRelease ?? 0);
        return [.. _top.Take(Math.Clamp(top, 0, RosterPageGrain.LeaderboardSize))];
    }

    /// <summary>One call per roster page (a fixed, small number), not per student; the pages answer from what their students pushed.</summary>
    private async Task<CohortSummary> SummarizePagesAsync(string cohortId, int latestRelease, DateTimeOffset now)
    {
        var rosterChanges = _rosterChanges;
        var pages = await Task.WhenAll(Enumerable.Range(0, RosterPages.Count).Select(page =>
            GrainFactory.GetGrain<IRosterPageGrain>(RosterPages.KeyOf(cohortId, page)).SummarizeAsync(latestRelease)));
        var levels = pages.SelectMany(p => p.Levels ?? ImmutableDictionary<string, int>.Empty)
            .GroupBy(l => l.Key, StringComparer.Ordinal)
            .ToImmutableDictionary(g => g.Key, g => g.Sum(l => l.Value), StringComparer.Ordinal);
        _top = [.. pages.SelectMany(p => p.Top.IsDefault ? [] : p.Top)
            .OrderByDescending(e => e.Score).ThenBy(e => e.StudentId, StringComparer.Ordinal)
            .Take(RosterPageGrain.LeaderboardSize)];
        var summary = new CohortSummary(
            pages.Sum(p => p.Enrolled), latestRelease, pages.Sum(p => p.FetchedLatest), pages.Sum(p => p.FetchedAny), now,
            pages.Sum(p => p.EndpointsRegistered), pages.Sum(p => p.EndpointsUp), pages.Sum(p => p.OnTimeBatches), pages.Sum(p => p.DueBatches),
            levels);
        if (rosterChanges == _rosterChanges)
        {
            _summary = summary;
        }

        return summary;
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
