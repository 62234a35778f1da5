using PPipe.Grains.Client.Roster;
using PPipe.Grains.Client.Scenarios;
using PPipe.Grains.Interfaces.Cohorts;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Grains.Interfaces.Roster;
using PPipe.Grains.Interfaces.Scenarios;
using PPipe.Grains.Tests.Enrollments.Policies;

namespace PPipe.Grains.Tests.Roster;

/// <summary>Cohorts of <see cref="PolicyScenario"/> for the roster tests, and waits on what enrollments push one way.</summary>
internal static class RosterTestCohorts
{
    /// <summary>One scenario day per wall minute: batch 1 is due 1.5 minutes after the start and closes at 1.75.</summary>
    public const double Speed = 1440;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A cohort starting at <paramref name="startsAt"/> with the given students enrolled; returns its grain and id.</summary>
    public static async Task<(ICohortGrain Cohort, string Id)> CreateAsync(IClusterClient client, DateTimeOffset startsAt, params string[] students)
    {
        var scenarioId = "s-" + Guid.NewGuid().ToString("N")[..12];
        var version = await client.GetGrain<IScenarioGrain>(scenarioId).AddVersionAsync(PolicyScenario.Spec);
        Assert.True(version.Version == 1, string.Join("; ", version.Errors));
        var cohortId = "c-" + Guid.NewGuid().ToString("N")[..12];
        var cohort = client.GetGrain<ICohortGrain>(cohortId);
        var scenario = await new ScenarioCatalog(client).GetAsync(scenarioId, 1, Ct);
        Assert.True(await cohort.CreateAsync(new CohortDefinition("roster test", scenarioId, 1, startsAt, Speed), scenario.Duration));
        var outcomes = await new RosterEnrollment(client).EnrollAsync(cohortId, [.. students.Select((s, i) => new NumberedRosterRow(i + 1, Row(s)))]);
        Assert.All(outcomes!.Value, o => Assert.NotNull(o.Token));
        return (cohort, cohortId);
    }

    /// <summary>Student <paramref name="student"/>'s roster row: the id upper-cased as the name, an e-mail after the id.</summary>
    public static RosterRow Row(string student) => new(student, student.ToUpperInvariant(), $"{student}@example.org");

    public static IEnrollmentGrain Enrollment(IClusterClient client, string cohortId, string student) =>
        client.GetGrain<IEnrollmentGrain>(new EnrollmentKey(cohortId, student).ToString());

    public static IRosterPageGrain PageOf(IClusterClient client, string cohortId, string student) =>
        client.GetGrain<IRosterPageGrain>(RosterPages.KeyOf(cohortId, RosterPages.PageOf(student)));

    /// <summary>Asks the page for its summary until <paramref name="done"/> holds (reports reach it one way, a moment after they are sent).</summary>
    public static async Task<PageSummary> PageSummaryAsync(IRosterPageGrain page, Func<PageSummary, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var summary = await page.SummarizeAsync(0);
            if (done(summary))
            {
                return summary;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the page never showed the expected summary; last: {Describe(summary)}");
            await Task.Delay(20, Ct);
        }
    }

    public static string Describe(PageSummary summary) =>
        $"enrolled {summary.Enrolled}, due {summary.DueBatches}, on time {summary.OnTimeBatches}, levels "
        + string.Join(", ", (summary.Levels ?? []).Select(l => $"{l.Key}: {l.Value}"));
}
