using System.Collections.Immutable;
using PPipe.Grains.Interfaces.Cohorts;
using PPipe.Grains.Client.Cohorts;
using PPipe.Grains.Client.Scenarios;

namespace PPipe.Grains.Cohorts;

/// <summary>
/// Samples its cohort's summary on a timer while the cohort is not finished. A reminder brings it back
/// after a silo is lost; when the cohort finishes it takes a last sample and stops. Full, it drops every
/// other sample and doubles its spacing, so memory stays bounded for any cohort length.
/// </summary>
internal sealed class CohortHistoryGrain(
    [PersistentState("cohort-history", StorageNames.Default)] IPersistentState<CohortHistoryState> state,
    ScenarioCatalog scenarios,
    CohortSummaries summaries,
    TimeProvider time) : Grain, ICohortHistoryGrain, IRemindable
{
    public static readonly TimeSpan FirstSpacing = TimeSpan.FromSeconds(5);

    // Sampling never runs inside StartAsync, so whoever starts the history never waits on a sample.
    private static readonly TimeSpan FirstSampleAfter = TimeSpan.FromSeconds(1);
    private const string ReminderName = "history";
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(1);
    private IGrainTimer? _timer;
    private bool _started;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        StartTimer();
        return Task.CompletedTask;
    }

    public async Task StartAsync()
    {
        if (!state.State.Finished && !_started)
        {
            await this.RegisterOrUpdateReminder(ReminderName, ReminderPeriod, ReminderPeriod);
            _started = true;
        }
    }

    public Task<ImmutableArray<CohortSample>> SamplesAsync() => Task.FromResult(state.State.Samples.ToImmutableArray());

    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;

    private void StartTimer()
    {
        if (state.State.Finished)
        {
            return;
        }

        _timer?.Dispose();
        _timer = this.RegisterGrainTimer(_ => SampleAsync(), new GrainTimerCreationOptions(FirstSampleAfter, state.State.Every) { KeepAlive = true });
    }

    private async Task SampleAsync()
    {
        var cohortGrain = GrainFactory.GetGrain<ICohortGrain>(this.GetPrimaryKeyString());
        if (state.State.Finished || await cohortGrain.GetAsync() is not { } cohort)
        {
            _timer?.Dispose();
            return;
        }

        var now = time.GetUtcNow();
        var last = state.State.Samples.Count > 0 ? state.State.Samples[^1] : null;
        var status = cohort.StatusAt(now);
        if (last is not null && now - last.At < state.State.Every - TimeSpan.FromMilliseconds(100) && status != CohortStatus.Finished)
        {
            return;
        }

        var elapsed = cohort.Clock.ElapsedAt(now);
        var schedule = scenarios.ScheduleOf(await scenarios.GetAsync(cohort.ScenarioId, cohort.Version));
        var latest = schedule.ReleasesAvailableAt(elapsed).Select(r => r.Seq).DefaultIfEmpty(0).Max();
        var summary = await summaries.SummarizeAsync(cohort.Id, latest);
        state.State.Samples.Add(new CohortSample(now, cohort.Clock.StartsAt + elapsed, summary.Enrolled, latest, summary.FetchedLatestRelease,
            summary.EndpointsRegistered, summary.EndpointsUp, summary.OnTimeBatches, summary.DueBatches,
            summary.Levels ?? ImmutableDictionary<string, int>.Empty));

        var respace = false;
        if (state.State.Samples.Count >= ICohortHistoryGrain.MaxSamples)
        {
            state.State.Samples = [.. state.State.Samples.Where((_, i) => i % 2 == 0 || i == state.State.Samples.Count - 1)];
            state.State.Every *= 2;
            respace = true;
        }

        if (status == CohortStatus.Finished)
        {
            state.State.Finished = true;
        }

        await this.WriteOrDeactivateAsync(state);
        if (state.State.Finished)
        {
            _timer?.Dispose();
            if (await this.GetReminder(ReminderName) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }
        }
        else if (respace)
        {
            StartTimer();
        }
    }
}
