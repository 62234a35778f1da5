using System.Collections.Immutable;
using Orleans.Core.Internal;
using PPipe.Grains.Client.Cohorts;
using PPipe.Grains.Interfaces.Roster;
using static PPipe.Grains.Tests.Roster.RosterTestCohorts;

namespace PPipe.Grains.Tests.Roster;

/// <summary>What cohort summaries count, as enrollments push their progress to their roster pages.</summary>
[Collection(RosterClusterCollection.Name)]
public sealed class RosterSummaryTests(RosterClusterFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Summary_StudentNeverSubmits_NotYetProficientWithTheBatchDueOnceItCloses()
    {
        var startsAt = fixture.Clock.GetUtcNow() + TimeSpan.FromMinutes(1);
        var (_, cohortId) = await CreateAsync(fixture.Client, startsAt, "ada");
        var summaries = new CohortSummaries(fixture.Client, fixture.Clock);
        var enrollment = Enrollment(fixture.Client, cohortId, "ada");
        var page = PageOf(fixture.Client, cohortId, "ada");
        await enrollment.TickAsync(); // its first report, before anything is due
        var before = await summaries.SummarizeAsync(cohortId, 0);

        fixture.Clock.SetUtcNow(startsAt + TimeSpan.FromMinutes(1.8)); // batch 1 closed at 1.75
        await enrollment.TickAsync();
        await PageSummaryAsync(page, s => s.DueBatches == 1);
        fixture.Clock.Advance(TimeSpan.FromSeconds(2)); // past the process's cached summary
        var after = await summaries.SummarizeAsync(cohortId, 0);

        Assert.Equal((1, 0, 0), (before.Enrolled, before.DueBatches, before.OnTimeBatches));
        Assert.Equal(ImmutableDictionary<string, int>.Empty.Add(RosterPages.Ungraded, 1), before.Levels!, Counts);
        Assert.Equal((1, 1, 0), (after.Enrolled, after.DueBatches, after.OnTimeBatches));
        Assert.Equal(ImmutableDictionary<string, int>.Empty.Add("NotYetProficient", 1), after.Levels!, Counts);
    }

    [Fact]
    public async Task Summary_PageActivatedAgain_CountsWhatThePageWrote()
    {
        var startsAt = fixture.Clock.GetUtcNow() - TimeSpan.FromMinutes(1.8);
        var (_, cohortId) = await CreateAsync(fixture.Client, startsAt, "bea");
        var page = PageOf(fixture.Client, cohortId, "bea");
        await Enrollment(fixture.Client, cohortId, "bea").TickAsync();
        var reported = await PageSummaryAsync(page, s => s.DueBatches == 1);
        await Enrollment(fixture.Client, cohortId, "bea").Cast<IGrainManagementExtension>().DeactivateOnIdle(Ct);

        await page.Cast<IGrainManagementExtension>().DeactivateOnIdle(Ct);
        var reread = await page.SummarizeAsync(0);

        Assert.Equal(Describe(reported), Describe(reread));
        Assert.Equal(ImmutableDictionary<string, int>.Empty.Add("NotYetProficient", 1), reread.Levels!, Counts);
    }

    private static readonly IEqualityComparer<ImmutableDictionary<string, int>> Counts = EqualityComparer<ImmutableDictionary<string, int>>.Create(
        (a, b) => a!.Count == b!.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && v == kv.Value), d => d.Count);
}
