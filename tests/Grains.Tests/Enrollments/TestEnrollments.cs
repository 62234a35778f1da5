using PPipe.Grains.Interfaces.Cohorts;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Grains.Interfaces.Roster;
using PPipe.Grains.Interfaces.Scenarios;
using PPipe.Grains.Client.Scenarios;

namespace PPipe.Grains.Tests.Enrollments;

/// <summary>One student in a fresh cohort of a fresh scenario, and the waits the enrollment tests share.</summary>
internal static class TestEnrollments
{
    /// <summary>Three releases a scenario day apart, all through the webhook channel, and nothing else to grade.</summary>
    public const string WebhookSpec = """
        template: taxi-fares
        duration: 3d
        releases: {first: 0d, cadence: 1d, rows: 10, channel: webhook}
        endpoint: {enabled: false}
        drift: []
        quirks: []
        grading: {criteria: {acquisition: 1}}
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<(IEnrollmentGrain Enrollment, ICohortGrain Cohort)> EnrollAsync(
        IClusterClient client, string spec, DateTimeOffset startsAt, double speed)
    {
        var scenarioId = "s-" + Guid.NewGuid().ToString("N")[..12];
        var version = await client.GetGrain<IScenarioGrain>(scenarioId).AddVersionAsync(spec);
        Assert.True(version.Version == 1, string.Join("; ", version.Errors));
        var cohortId = "c-" + Guid.NewGuid().ToString("N")[..12];
        var cohort = client.GetGrain<ICohortGrain>(cohortId);
        var scenario = await new ScenarioCatalog(client).GetAsync(scenarioId, 1, Ct);
        await cohort.CreateAsync(new CohortDefinition("test", scenarioId, 1, startsAt, speed), scenario.Duration);
        var outcome = Assert.Single(await cohort.EnrollAsync([new NumberedRosterRow(1, new RosterRow("ada", "Ada", "ada@example.org"))]));
        Assert.NotNull(outcome.Token);
        return (client.GetGrain<IEnrollmentGrain>(new EnrollmentKey(cohortId, "ada").ToString()), cohort);
    }

    /// <summary>
    /// Enrolls a student and registers their webhook before the cohort starts: a release that comes before the webhook
    /// is never notified, so a set-up slower than the lead time (a loaded machine) is tried again with a longer lead.
    /// </summary>
    public static async Task<(IEnrollmentGrain Enrollment, ICohortGrain Cohort, DateTimeOffset StartsAt, string Secret)> EnrollWithWebhookAsync(
        IClusterClient client, string spec, double speed, Uri webhook)
    {
        for (var lead = TimeSpan.FromSeconds(1); ; lead *= 2)
        {
            var startsAt = DateTimeOffset.UtcNow + lead;
            var (enrollment, cohort) = await EnrollAsync(client, spec, startsAt, speed);
            var secret = await enrollment.SetWebhookAsync(webhook.ToString());
            if (DateTimeOffset.UtcNow < startsAt) // registered before this, so before the start
            {
                return (enrollment, cohort, startsAt, secret);
            }

            Assert.True(lead < TimeSpan.FromSeconds(16), "the webhook could not be registered before the cohort started");
        }
    }

    /// <summary>Waits up to 30 s for <paramref name="done"/>; a failure names <paramref name="what"/> and shows
    /// <paramref name="diagnostics"/> (e.g. the silo's captured logs).</summary>
    public static async Task WaitAsync(Func<bool> done, string what = "condition", object? diagnostics = null)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!done())
        {
            Assert.True(DateTime.UtcNow < deadline, $"{what} not met in time\n{diagnostics}");
            await Task.Delay(50, Ct);
        }
    }

    public static async Task<EnrollmentSnapshot> WaitForAsync(IEnrollmentGrain enrollment, Func<EnrollmentSnapshot, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var snapshot = (await enrollment.GetAsync())!;
            if (done(snapshot))
            {
                return snapshot;
            }

            Assert.True(DateTime.UtcNow < deadline, $"enrollment did not reach the expected state: {snapshot}");
            await Task.Delay(100, Ct);
        }
    }
}
