using System.Text.Json;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Grains.Interfaces.Rollouts;
using PPipe.Grains.Tests.Infrastructure;
using PPipe.TestSupport;
using static PPipe.Grains.Tests.Enrollments.TestEnrollments;

namespace PPipe.Grains.Tests.Rollouts;

/// <summary>
/// Deploys through the enrollment grain against a real endpoint on loopback, on the cluster's clock: a scenario hour is a
/// wall second, probes are hourly from day 1, so extra probes go out every 15 scenario minutes and a deploy's window lasts
/// two scenario hours after the new version answers. The endpoint answers a constant, named v1 until the test switches it.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class EnrollmentRolloutTests(ClusterFixture fixture)
{
    private const double Speed = 3_600;

    private const string Spec = """
        template: taxi-fares
        duration: 6d
        batches: {enabled: false}
        endpoint: {from: 1d, probeInterval: 1h}
        drift: []
        quirks: []
        grading: {criteria: {endpointAvailability: 1, rollout: 1}}
        """;

    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(250);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Rollout_BlueGreenSwitch_NoFailedProbe_FullCredit()
    {
        await using var endpoint = await ModelEndpoint.StartAsync(Ct);
        var (student, startsAt) = await RegisteredAsync(endpoint, "v1");
        await fixture.AdvanceAsync(Hours(3));

        endpoint.Answer = Serving("v2");
        var deploys = await fixture.AdvanceUntilAsync(student.GetDeploysAsync, log => log.Deploys is [{ Judged: true }], Step, "the switch to v2 to be judged");
        var grade = (await student.GetGradeAsync()).Criteria.Single(c => c.Name == "rollout");

        var deploy = Assert.Single(deploys.Deploys);
        Assert.Equal(("v2", false, 0, 1.0), (deploy.Version, deploy.Announced, deploy.Failed, deploy.Score!.Value));
        Assert.True(deploy.Probes >= 5, $"{deploy.Probes} probes in the window");
        // The switch seen in an answer starts extra probes around it (no announcement needed).
        var seenAt = startsAt + deploy.SeenAt!.Value / Speed;
        Assert.Contains(await student.GetProbesAsync(50), p => p.IsRolloutProbe && p.At > seenAt && p.At <= seenAt + Hours(2));
        Assert.Equal(1, grade.Score);
        Assert.StartsWith("1 deploy judged, every one without a failed probe or a dip in quality. Deploy of v2 on day 2: all ", grade.Feedback, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rollout_RedeployWithDowntime_FailedProbesCostCredit_NamedInTheFeedback()
    {
        await using var endpoint = await ModelEndpoint.StartAsync(Ct);
        var (student, _) = await RegisteredAsync(endpoint, "v1");
        await fixture.AdvanceAsync(Hours(3));

        var down = fixture.Clock.UtcNow;
        endpoint.Answer = (context, _) => ModelEndpoint.WriteJsonAsync(context, """{"error": "restarting"}""", 503);
        // Slowly enough for each failed probe's retry (a quarter second later) to fail too, while the old version is gone.
        await fixture.AdvanceUntilAsync(() => student.GetProbesAsync(50), probes => probes.Count(p => p is { Ok: false, Attempt: 2 } && p.At > down) >= 2, Step,
            "two probes to fail while the endpoint restarts");
        endpoint.Answer = Serving("v2");
        var deploys = await fixture.AdvanceUntilAsync(student.GetDeploysAsync, log => log.Deploys is [{ Judged: true }], Step, "the redeploy of v2 to be judged");
        var grade = (await student.GetGradeAsync()).Criteria.Single(c => c.Name == "rollout");

        var deploy = Assert.Single(deploys.Deploys);
        Assert.Equal("v2", deploy.Version);
        Assert.True(deploy.Failed >= 2, $"{deploy.Failed} of {deploy.Probes} failed");
        Assert.True(deploy.Score < 1, $"score {deploy.Score}");
        Assert.True(grade.Score < 1, $"grade {grade.Score}");
        Assert.Contains($"Deploy of v2 on day 2: {deploy.Failed} of {deploy.Probes} probes failed", grade.Feedback, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Announce_ExtraProbesGoOut_FourTimesAsOftenAsScheduled()
    {
        await using var endpoint = await ModelEndpoint.StartAsync(Ct);
        var (student, _) = await RegisteredAsync(endpoint, "v1");
        await fixture.AdvanceAsync(Hours(1));
        var before = endpoint.Hits;

        var filing = await student.AnnounceDeployAsync(new DeployAnnouncement("v2", TimeSpan.FromHours(1), null));
        var again = await student.AnnounceDeployAsync(new DeployAnnouncement("v2", TimeSpan.FromHours(1), null));
        await fixture.AdvanceUntilAsync(() => Task.FromResult(endpoint.Hits - before), hits => hits >= 8, Step, "the extra probes after the announcement");
        var probes = await student.GetProbesAsync(50);

        Assert.Equal((DeployFilingStatus.Accepted, DeployFilingStatus.Repeated), (filing.Status, again.Status));
        Assert.Contains(probes, p => p.IsRolloutProbe);
        // In the two scenario hours after an announcement, 8 extra probes and 2 scheduled ones at most.
        Assert.InRange(endpoint.Hits - before, 8, 11);
    }

    [Fact]
    public async Task Announce_CohortNotGradingRollouts_DeployFollowedOnScheduledProbesAlone_NoExtraProbe()
    {
        const string ungraded = """
            template: taxi-fares
            duration: 6d
            batches: {enabled: false}
            endpoint: {from: 1d, probeInterval: 1h}
            drift: []
            quirks: []
            grading: {criteria: {endpointAvailability: 1}}
            """;
        await using var endpoint = await ModelEndpoint.StartAsync(Ct);
        var (student, _) = await RegisteredAsync(endpoint, "v1", ungraded);
        await fixture.AdvanceAsync(Hours(1));
        var before = endpoint.Hits;

        var filing = await student.AnnounceDeployAsync(new DeployAnnouncement("v2", TimeSpan.Zero, null));
        endpoint.Answer = Serving("v2");
        var deploys = await fixture.AdvanceUntilAsync(student.GetDeploysAsync, log => log.Deploys is [{ Judged: true }], Step, "the announced deploy to be judged");
        var probes = await student.GetProbesAsync(50);

        Assert.Equal(DeployFilingStatus.Accepted, filing.Status);
        var deploy = Assert.Single(deploys.Deploys);
        Assert.Equal(("v2", true, 0), (deploy.Version, deploy.Announced, deploy.Failed));
        Assert.DoesNotContain(probes, p => p.IsRolloutProbe);
        // From the announcement to two hours after v2 first answers (at the next hourly slot), the hourly probes alone: a graded
        // cohort's 16 extra probes (8 after the announcement, 8 once v2 answers) would be there too.
        Assert.InRange(deploy.Probes, 1, 4);
        Assert.InRange(endpoint.Hits - before, 1, 5);
    }

    [Fact]
    public async Task Announce_WithoutAnEndpoint_Refused_NothingKept()
    {
        var startsAt = fixture.Clock.UtcNow + Lead;
        var (student, _) = await EnrollAsync(fixture.Client, Spec, startsAt, Speed);
        await fixture.AdvanceToAsync(startsAt + TimeSpan.FromDays(1.5) / Speed);

        var filing = await student.AnnounceDeployAsync(new DeployAnnouncement("v2", TimeSpan.Zero, null));

        Assert.Equal(DeployFilingStatus.NoEndpoint, filing.Status);
        Assert.Empty((await student.GetDeploysAsync()).Deploys);
    }

    /// <summary>A student of <paramref name="spec"/> whose endpoint answers as <paramref name="version"/>, registered at day 1.5.</summary>
    private async Task<(IEnrollmentGrain Enrollment, DateTimeOffset StartsAt)> RegisteredAsync(ModelEndpoint endpoint, string version, string spec = Spec)
    {
        var startsAt = fixture.Clock.UtcNow + Lead;
        var (student, _) = await EnrollAsync(fixture.Client, spec, startsAt, Speed);
        endpoint.Answer = Serving(version);
        await fixture.AdvanceToAsync(startsAt + TimeSpan.FromDays(1.5) / Speed);
        await student.SetEndpointAsync(endpoint.Url.ToString());
        return (student, startsAt);
    }

    /// <summary>A constant model that names itself <paramref name="version"/> in every answer.</summary>
    private static Func<Microsoft.AspNetCore.Http.HttpContext, byte[], Task> Serving(string version) => (context, body) =>
    {
        var instances = JsonDocument.Parse(body).RootElement.GetProperty("instances").GetArrayLength();
        return ModelEndpoint.WriteJsonAsync(context, JsonSerializer.Serialize(new
        {
            predictions = Enumerable.Repeat(12.5, instances),
            model = new { version, trainedThrough = 1 },
        }));
    };

    private static TimeSpan Hours(double hours) => TimeSpan.FromHours(hours) / Speed;
}
