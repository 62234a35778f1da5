using PPipe.Grains.Interfaces.Cohorts;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Grains.Tests.Infrastructure;
using PPipe.TestSupport;

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

    /// <summary>How long before its start a test cohort is created: the cluster's clock stands still meanwhile, so
    /// whatever the set-up does comes before the start, however slow the machine.</summary>
    public static readonly TimeSpan Lead = TimeSpan.FromSeconds(1);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Uploads <paramref name="spec"/> as a new scenario and enrolls Ada in a new cohort of it.</summary>
    public static async Task<(IEnrollmentGrain Enrollment, ICohortGrain Cohort)> EnrollAsync(
        IClusterClient client, string spec, DateTimeOffset startsAt, double speed)
    {
        var scenarioId = await TestCohorts.UploadScenarioAsync(client, spec);
        var (cohortId, students) = await TestCohorts.CreateAsync(client, scenarioId, startsAt, speed, [TestCohorts.Student("ada")], "test");
        return (client.GetGrain<IEnrollmentGrain>(students.Single().Key.ToString()), client.GetGrain<ICohortGrain>(cohortId));
    }

    /// <summary>Enrolls a student in a cohort starting <see cref="Lead"/> from the cluster's now and registers their webhook.</summary>
    public static async Task<(IEnrollmentGrain Enrollment, ICohortGrain Cohort, DateTimeOffset StartsAt, string Secret)> EnrollWithWebhookAsync(
        ClusterFixture fixture, string spec, double speed, Uri webhook)
    {
        var startsAt = fixture.Clock.UtcNow + Lead;
        var (enrollment, cohort) = await EnrollAsync(fixture.Client, spec, startsAt, speed);
        var secret = await enrollment.SetWebhookAsync(webhook.ToString());
        return (enrollment, cohort, startsAt, secret);
    }

    /// <summary>Waits until the enrollment's snapshot satisfies <paramref name="done"/> (what deliveries report back
    /// arrives a little after the receiver answered), and returns it.</summary>
    public static Task<EnrollmentSnapshot> WaitForAsync(IEnrollmentGrain enrollment, Func<EnrollmentSnapshot, bool> done, object? diagnostics = null) =>
        Eventually.ReturnsAsync(async () => (await enrollment.GetAsync())!, done, $"the enrollment to reach the expected state\n{diagnostics}", cancellationToken: Ct);

    /// <summary>Waits until <paramref name="done"/> holds for what the receiver got (a delivery reaching it over HTTP).</summary>
    public static Task ReceivedAsync(WebhookReceiver receiver, Func<IReadOnlyCollection<WebhookRequest>, bool> done, string what, object? diagnostics = null) =>
        Eventually.HoldsAsync(() => done(receiver.Received), what, diagnostics: diagnostics, cancellationToken: Ct);
}
