using System.Collections.Immutable;
using PPipe.Grains.Cohorts;
using PPipe.Grains.Interfaces.Cohorts;
using PPipe.Grains.Tests.Enrollments;
using PPipe.Grains.Tests.Infrastructure;
using PPipe.TestSupport;

namespace PPipe.Grains.Tests.Cohorts;

/// <summary>
/// A cohort's history samples its summary on a grain timer, which runs on the cluster's clock. The tests move the clock a
/// second at a time and read the histories after each move: a timer tick the move set off is queued at the history
/// before the read, so the read returns once the tick is over and its timer armed again.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class CohortHistoryGrainTests(ClusterFixture fixture)
{
    private static readonly TimeSpan FirstSampleAfter = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Samples_RunningCohort_OneNowAndThenOneEverySpacing()
    {
        var (history, createdAt) = await CohortAsync(speed: 1);

        await AdvanceAsync(FirstSampleAfter + CohortHistoryGrain.FirstSpacing, history);
        var samples = await SampledAsync(history, 2);

        Assert.Equal([createdAt + FirstSampleAfter, createdAt + FirstSampleAfter + CohortHistoryGrain.FirstSpacing], samples.Select(s => s.At));
        Assert.Equal([createdAt + FirstSampleAfter, createdAt + FirstSampleAfter + CohortHistoryGrain.FirstSpacing], samples.Select(s => s.ScenarioAt));
        Assert.All(samples, s => Assert.Equal(0, s.Enrolled));
    }

    [Fact]
    public async Task Samples_CohortFinishes_ALastSampleThenNoMore()
    {
        // Three scenario days a second: over one second after its start.
        var (finishing, createdAt) = await CohortAsync(speed: 3 * 86_400, TestEnrollments.WebhookSpec);
        var (running, _) = await CohortAsync(speed: 1);

        await AdvanceAsync(FirstSampleAfter + 2 * CohortHistoryGrain.FirstSpacing, finishing, running);

        var last = Assert.Single(await finishing.SamplesAsync());
        Assert.Equal(createdAt + FirstSampleAfter, last.At);
        Assert.Equal(createdAt + TimeSpan.FromDays(3), last.ScenarioAt); // taken at the end of the scenario
        Assert.Equal(3, (await AdvancedUntilSampledAsync(running, 3)).Length); // meanwhile the running cohort's history sampled twice more
    }

    [Fact]
    public async Task Samples_AfterDeactivation_KeptAndSamplingGoesOnAtTheSameSpacing()
    {
        var (history, createdAt) = await CohortAsync(speed: 1);
        await AdvanceAsync(FirstSampleAfter, history);

        await fixture.Cluster.DeactivateAsync(history);
        var afterDeactivation = await history.SamplesAsync();
        await AdvanceAsync(FirstSampleAfter + CohortHistoryGrain.FirstSpacing, history);
        var samples = await SampledAsync(history, 2);

        // The new activation's first tick comes a second later, too soon after the kept sample: the next is a spacing later.
        var first = createdAt + FirstSampleAfter;
        Assert.Equal([first], afterDeactivation.Select(s => s.At));
        Assert.Equal([first, first + FirstSampleAfter + CohortHistoryGrain.FirstSpacing], samples.Select(s => s.At));
    }

    /// <summary>Creates a cohort starting now and starts its history, as opening a cohort does; returns the history and the creation time.</summary>
    private async Task<(ICohortHistoryGrain History, DateTimeOffset CreatedAt)> CohortAsync(double speed, string? spec = null)
    {
        var scenarioId = "taxi-fares";
        var duration = TimeSpan.FromDays(28);
        if (spec is not null)
        {
            scenarioId = await TestCohorts.UploadScenarioAsync(fixture.Client, spec);
            duration = TimeSpan.FromDays(3);
        }

        var cohortId = TestCohorts.NewId("c-");
        var createdAt = fixture.Clock.UtcNow;
        Assert.True(await fixture.Client.GetGrain<ICohortGrain>(cohortId).CreateAsync(new CohortDefinition("history", scenarioId, 1, createdAt, speed), duration));
        var history = fixture.Client.GetGrain<ICohortHistoryGrain>(cohortId);
        await history.StartAsync();
        return (history, createdAt);
    }

    /// <summary>
    /// The history's samples once it has <paramref name="count"/>. A timer the last move made due has fired by then in
    /// all but one case: the fake clock lets a move return while another thread is still firing what fell due, so the
    /// tick can reach the history just after the read. The clock stands still meanwhile, so the sample's time is the same.
    /// </summary>
    private static Task<ImmutableArray<CohortSample>> SampledAsync(ICohortHistoryGrain history, int count) =>
        Eventually.ReturnsAsync(() => history.SamplesAsync(), s => s.Length >= count, $"{count} samples", cancellationToken: TestContext.Current.CancellationToken);

    /// <summary>
    /// The history's samples once it has <paramref name="count"/>, moving the clock on a second at a time (at most a spacing)
    /// while it has fewer. A tick that reached the history only after the clock had moved on samples late, and the next is a
    /// spacing after that: on a busy machine that can fall past the span a test moved, so it waits for time, not the tick.
    /// </summary>
    private async Task<ImmutableArray<CohortSample>> AdvancedUntilSampledAsync(ICohortHistoryGrain history, int count)
    {
        for (var moved = TimeSpan.Zero; moved < CohortHistoryGrain.FirstSpacing; moved += Step)
        {
            if ((await history.SamplesAsync()).Length >= count)
            {
                break;
            }

            await AdvanceAsync(Step, history);
        }

        return await SampledAsync(history, count);
    }

    /// <summary>Moves the clock on by <paramref name="span"/> a second at a time, reading <paramref name="histories"/> after each move.</summary>
    private async Task AdvanceAsync(TimeSpan span, params ICohortHistoryGrain[] histories)
    {
        for (var moved = TimeSpan.Zero; moved < span; moved += Step)
        {
            await fixture.Clock.AdvanceAsync(Step);
            foreach (var history in histories)
            {
                await history.SamplesAsync();
            }
        }
    }
}
