using PPipe.Grains.Client.Cohorts;
using System.Collections.Immutable;
using PPipe.Grains.Interfaces.Cohorts;
using PPipe.Grains.Client.Scenarios;

namespace PPipe.Frontend.Cohorts.Monitor;

/// <summary>
/// Everything the cohort monitor shows, kept current by <see cref="RefreshAsync"/>: the cohort and its clock,
/// the live summary, the students (changed rows only) and the history for the charts.
/// </summary>
public sealed class MonitorFeed(IGrainFactory grains, ScenarioCatalog scenarios, CohortSummaries summaries, TimeProvider time, string cohortId)
{
    /// <summary>The charts change slowly; their samples are re-read this often.</summary>
    private static readonly TimeSpan HistoryEvery = TimeSpan.FromSeconds(5);
    private DateTimeOffset _historyReadAt = DateTimeOffset.MinValue;

    public CohortRoster Roster { get; } = new(grains, cohortId);

    public CohortInfo? Cohort { get; private set; }

    public CohortSummary? Summary { get; private set; }

    public int ReleasesTotal { get; private set; }

    public ImmutableArray<CohortSample> History { get; private set; } = [];

    /// <summary>Re-reads the feed: whether the cohort exists, and how many students' rows changed.</summary>
    public async Task<(bool Exists, int RowsChanged)> RefreshAsync()
    {
        var cohort = grains.GetGrain<ICohortGrain>(cohortId);
        if (await cohort.GetAsync() is not { } info)
        {
            return (false, 0);
        }

        var now = time.GetUtcNow();
        var schedule = scenarios.ScheduleOf(await scenarios.GetAsync(info.ScenarioId, info.Version));
        var latest = schedule.ReleasesAvailableAt(info.Clock.ElapsedAt(now)).Select(r => r.Seq).DefaultIfEmpty(0).Max();
        var summary = summaries.SummarizeAsync(cohortId, latest);
        var rows = Roster.RefreshAsync();
        if (now - _historyReadAt >= HistoryEvery)
        {
            var history = grains.GetGrain<ICohortHistoryGrain>(cohortId);
            await history.StartAsync();
            History = await history.SamplesAsync();
            _historyReadAt = now;
        }

        Cohort = info;
        ReleasesTotal = schedule.Releases.Count;
        Summary = await summary;
        return (true, await rows);
    }
}
