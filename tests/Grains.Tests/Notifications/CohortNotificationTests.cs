using PPipe.Grains.Client.Roster;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Grains.Interfaces.Notifications;
using PPipe.Grains.Interfaces.Probes;
using PPipe.Grains.Interfaces.Roster;
using PPipe.Grains.Mail;
using PPipe.Grains.Notifications;
using PPipe.Grains.Tests.Infrastructure;
using PPipe.TestSupport;

namespace PPipe.Grains.Tests.Notifications;

/// <summary>
/// What a cohort's students and instructor are told from the cohort: announcements delivered paced to every student as
/// each one's preferences say, the endpoint watches (the student's and the instructor's alert) and the daily digest. On
/// the cluster's clock; probe results are reported to the enrollments as a probe worker would.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class CohortNotificationTests(ClusterFixture fixture)
{
    /// <summary>A long scenario at real speed, whose endpoint is probed from day 2: nothing is probed on its own during a test.</summary>
    private const string Spec = """
        template: taxi-fares
        duration: 28d
        releases: {first: 0d, cadence: 7d, rows: 10, channel: api}
        endpoint: {from: 2d, probeInterval: 1d}
        drift: []
        quirks: []
        grading: {criteria: {acquisition: 1, endpointAvailability: 1}}
        """;

    private const string Professor = "prof@example.edu";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PostAnnouncement_EveryStudentReachedAndToldAsTheirPreferencesSay()
    {
        var (cohortId, students) = await CohortAsync("ann-a", "ann-b", "ann-c");
        await Enrollment(students[1]).SetNotificationPreferencesAsync(NotificationPreferences.Default with { Muted = [NotificationKind.Announcement] });
        var notifications = Notifications(cohortId);

        var posted = await notifications.PostAnnouncementAsync("Lab moved", "The lab is on Friday.");
        var done = await DeliveredAsync(notifications, 1);
        var mails = await Eventually.ReturnsAsync(() => Task.FromResult(fixture.Mails.Accepted(cohortId)), m => m.Count >= 2, "two mails", cancellationToken: Ct);

        Assert.Equal((1, 0), (posted.Announcement.Seq, posted.Reached));
        Assert.Equal((3, 0), (done.Reached, done.Unreached));
        Assert.Equal(["ann-a@example.org", "ann-c@example.org"], mails.Select(m => m.ToAddress).Order(StringComparer.Ordinal));
        Assert.All(mails, m => Assert.Equal("P-PIPE · Spring cohort: Lab moved", m.Subject));
        Assert.Equal(NotificationStatus.Sent, Assert.Single((await Enrollment(students[0]).GetNotificationsAsync()).Recent).Status);
        Assert.Empty((await Enrollment(students[1]).GetNotificationsAsync()).Recent);
    }

    [Fact]
    public async Task PostAnnouncement_RemovedStudent_PassedOverAndToldNothing()
    {
        var (cohortId, students) = await CohortAsync("rem-a", "rem-b");
        await new RosterEnrollment(fixture.Client).RemoveAsync(cohortId, "rem-b");
        var notifications = Notifications(cohortId);

        await notifications.PostAnnouncementAsync("Exam", "On Monday.");
        var done = await DeliveredAsync(notifications, 1);
        var mail = Assert.Single(await Eventually.ReturnsAsync(() => Task.FromResult(fixture.Mails.Accepted(cohortId)), m => m.Count >= 1, "one mail", cancellationToken: Ct));
        // Asked directly (as a delivery resumed from an older roster page would), the removed enrollment still tells nobody.
        await Enrollment(students[1]).AnnounceAsync(new Announcement(cohortId, 2, "Late", "Again.", fixture.Clock.UtcNow));

        Assert.Equal((1, 0), (done.Reached, done.Unreached));
        Assert.Equal("rem-a@example.org", mail.ToAddress);
        Assert.Empty((await Enrollment(students[1]).GetNotificationsAsync()).Recent);
        Assert.Single(fixture.Mails.Accepted(cohortId));
    }

    [Fact]
    public async Task PostAnnouncement_DeliveryResumedAfterALostActivation_StudentsOnLaterPagesOnlyAndNobodyTwice()
    {
        var ids = Enumerable.Range(1, 12).Select(i => $"res-{i}").ToArray();
        var (cohortId, students) = await CohortAsync(ids);
        var announcement = new Announcement(cohortId, 1, "Resumed", "Told once.", fixture.Clock.UtcNow);
        var pages = ids.Select(RosterPages.PageOf).Distinct().Order().ToList();
        var resumeAt = pages[pages.Count / 2];
        // What a silo dying in the middle of a delivery leaves: the announcement, and the page the delivery had reached.
        var notifications = Notifications(cohortId);
        await fixture.SeedStateAsync(notifications, "cohort-notifications", new CohortNotificationsState
        {
            LastAnnouncement = 1,
            Announcements = [new AnnouncementDelivery { Announcement = announcement, Page = resumeAt, Reached = 99 }],
        });

        var done = await DeliveredAsync(notifications, 1);
        var mails = await Eventually.ReturnsAsync(() => Task.FromResult(fixture.Mails.Accepted(cohortId)),
            m => m.Count >= ids.Count(id => RosterPages.PageOf(id) >= resumeAt), "the mails of the later pages", cancellationToken: Ct);
        await notifications.GetAnnouncementsAsync();

        Assert.Equal(99 + ids.Count(id => RosterPages.PageOf(id) >= resumeAt), done.Reached);
        Assert.Equal(ids.Where(id => RosterPages.PageOf(id) >= resumeAt).Select(id => $"{id}@example.org").Order(StringComparer.Ordinal),
            mails.Select(m => m.ToAddress).Order(StringComparer.Ordinal));
        await Enrollment(students[0]).AnnounceAsync(announcement);
        Assert.Equal(mails.Count, fixture.Mails.Accepted(cohortId).Count);
    }

    [Fact]
    public async Task EndpointFailsThreeProbesInARow_StudentToldOnceThenOfTheRecoveryAfterTheWindow()
    {
        var (_, students) = await CohortAsync("ep-a");
        var enrollment = Enrollment(students[0]);
        var cohortId = students[0].CohortId;
        await enrollment.SetEndpointAsync(DeadEndpoint);

        await enrollment.RecordProbesAsync([Probe(1, ok: false)]);
        await enrollment.RecordProbesAsync([Probe(2, ok: false)]);
        await enrollment.RecordProbesAsync([Probe(3, ok: false), Probe(3, ok: false, attempt: 2)]);
        await enrollment.RecordProbesAsync([Probe(4, ok: false)]);
        var failing = await Eventually.ReturnsAsync(() => Task.FromResult(fixture.Mails.Accepted(cohortId)), m => m.Count >= 1, "the failing mail", cancellationToken: Ct);
        await enrollment.RecordProbesAsync([Probe(5, ok: false), Probe(5, ok: true, attempt: 2)]);
        var held = fixture.Mails.Accepted(cohortId).Count;
        await fixture.AdvanceAsync(ClusterFixture.NotificationWindow + TimeSpan.FromSeconds(1));
        var mails = await MailsAsync(() => fixture.Mails.Accepted(cohortId), 2, "the recovery mail");

        Assert.Equal("P-PIPE · Spring cohort: Your endpoint failed 3 probes in a row", Assert.Single(failing).Subject);
        Assert.Contains("HTTP 500", failing[0].TextBody, StringComparison.Ordinal);
        Assert.Equal(1, held);
        Assert.Equal("P-PIPE · Spring cohort: Your endpoint answers again", mails[1].Subject);
        Assert.Equal(2, mails.Count);
    }

    [Fact]
    public async Task Alert_HalfTheEndpointsDown_InstructorToldOnceThenOfTheRecovery()
    {
        var (cohortId, students) = await CohortAsync("al-a", "al-b");
        foreach (var student in students)
        {
            await Enrollment(student).SetEndpointAsync(DeadEndpoint);
        }

        await Enrollment(students[0]).RecordProbesAsync([Probe(1, ok: true)]);
        await Enrollment(students[1]).RecordProbesAsync([Probe(1, ok: false)]);
        var notifications = Notifications(cohortId);
        await notifications.SetAlertsAsync(CohortAlerts.Default with { ContactEmail = Professor, ContactName = "Prof", EndpointsDownShare = 0.5, MinimumEndpoints = 2 });

        await fixture.AdvanceAsync(ClusterFixture.CohortCheckPeriod + TimeSpan.FromSeconds(1));
        var alert = await InstructorMailsAsync(cohortId, 1);
        var raised = (await notifications.GetAsync()).AlertRaised;
        await Enrollment(students[1]).RecordProbesAsync([Probe(2, ok: true)]);
        await fixture.AdvanceAsync(ClusterFixture.NotificationWindow + 2 * ClusterFixture.CohortCheckPeriod);
        var mails = await InstructorMailsAsync(cohortId, 2);
        var view = await notifications.GetAsync();

        Assert.Equal("P-PIPE · Spring cohort: 1 of 2 registered endpoints are down (50 %)", alert[0].Subject);
        Assert.Contains("Hello Prof,", alert[0].TextBody, StringComparison.Ordinal);
        Assert.Equal(new(cohortId, null, NotificationKind.CohortAlert), MailsSent.Claims(alert[0]));
        Assert.True(raised);
        Assert.StartsWith("P-PIPE · Spring cohort: Endpoints recovered", mails[1].Subject, StringComparison.Ordinal);
        Assert.Equal(2, mails.Count);
        Assert.False(view.AlertRaised);
    }

    [Fact]
    public async Task Digest_DueSinceYesterday_OneSummaryMailWithTheCohortsCounts()
    {
        var (cohortId, _) = await CohortAsync("dg-a", "dg-b");
        var notifications = Notifications(cohortId);
        var alerts = CohortAlerts.Default with { ContactEmail = Professor, EndpointAlerts = false, DigestHourUtc = fixture.Clock.UtcNow.Hour };
        // A contact set a day ago: the digest of this hour is due (set now, the first would come tomorrow).
        await fixture.SeedStateAsync(notifications, "cohort-notifications", new CohortNotificationsState { Alerts = alerts, DigestSince = fixture.Clock.UtcNow.AddDays(-1) });
        await notifications.SetAlertsAsync(alerts);

        await fixture.AdvanceAsync(2 * ClusterFixture.CohortCheckPeriod);
        var digest = Assert.Single(await InstructorMailsAsync(cohortId, 1));
        await fixture.AdvanceAsync(2 * ClusterFixture.CohortCheckPeriod);

        Assert.Equal("P-PIPE · Spring cohort: Daily summary of Spring cohort", digest.Subject);
        Assert.Contains("2 students enrolled", digest.TextBody, StringComparison.Ordinal);
        Assert.Equal(NotificationKind.CohortDigest, MailsSent.Claims(digest)!.Kind);
        Assert.Single(fixture.Mails.Accepted(cohortId));
        Assert.NotNull((await notifications.GetAsync()).LastDigestAt);
    }

    [Fact]
    public async Task Mute_InstructorsDigest_TurnedOffInTheSettings()
    {
        var (cohortId, _) = await CohortAsync("mu-a");
        var notifications = Notifications(cohortId);
        await notifications.SetAlertsAsync(CohortAlerts.Default with { ContactEmail = Professor });

        var muted = await notifications.MuteAsync(NotificationKind.CohortDigest);
        var again = await notifications.MuteAsync(NotificationKind.CohortDigest);
        var wrongKind = await notifications.MuteAsync(NotificationKind.BatchOpened);

        Assert.Equal((true, false, false), (muted, again, wrongKind));
        var alerts = (await notifications.GetAsync()).Alerts;
        Assert.False(alerts.DailyDigest);
        Assert.True(alerts.EndpointAlerts);
    }

    /// <summary>A loopback port nothing listens on: the verification probe at registration fails at once.</summary>
    private static readonly string DeadEndpoint = $"http://127.0.0.1:{FreePort.Next()}/predict";

    /// <summary>A probe's attempt as a probe worker reports it, made now (later than the verification probe at registration).</summary>
    private ProbeResult Probe(long slot, bool ok, int attempt = 1) => new(
        slot, attempt, fixture.Clock.UtcNow.AddMilliseconds(10 * slot + attempt), TimeSpan.FromDays(2) + TimeSpan.FromHours(slot), ok, ok ? 200 : 500, 12,
        ok ? null : Interfaces.Outbound.OutboundFailureKind.HttpStatus, ok ? null : "HTTP 500", ok ? 20 : 0, null);

    private async Task<(string CohortId, EnrollmentKey[] Students)> CohortAsync(params string[] ids)
    {
        var scenarioId = await TestCohorts.UploadScenarioAsync(fixture.Client, Spec);
        var (cohortId, students) = await TestCohorts.CreateAsync(fixture.Client, scenarioId, fixture.Clock.UtcNow - TimeSpan.FromHours(1), 1,
            ids.Select(TestCohorts.Student));
        return (cohortId, [.. students.Select(s => s.Key)]);
    }

    private IEnrollmentGrain Enrollment(EnrollmentKey key) => fixture.Client.GetGrain<IEnrollmentGrain>(key.ToString());

    private ICohortNotificationsGrain Notifications(string cohortId) => fixture.Client.GetGrain<ICohortNotificationsGrain>(cohortId);

    /// <summary>Moves the clock a step at a time (the delivery's timer runs on it) until announcement <paramref name="seq"/> is delivered.</summary>
    private Task<AnnouncementStatus> DeliveredAsync(ICohortNotificationsGrain notifications, int seq) =>
        fixture.AdvanceUntilAsync(async () => (await notifications.GetAnnouncementsAsync()).Single(a => a.Announcement.Seq == seq),
            status => status.CompletedAt is not null, CohortNotificationsGrain.Step, $"announcement {seq} delivered");

    private Task<IReadOnlyList<OutgoingMail>> InstructorMailsAsync(string cohortId, int count) =>
        MailsAsync(() => [.. fixture.Mails.Accepted(cohortId).Where(m => m.ToAddress == Professor)], count, $"{count} mail(s) to the instructor");

    /// <summary>Moves the clock until <paramref name="count"/> mails are there: what is held for a window is handed out by the cohort's reminder or a timer on that clock.</summary>
    private Task<IReadOnlyList<OutgoingMail>> MailsAsync(Func<IReadOnlyList<OutgoingMail>> mails, int count, string what) =>
        fixture.AdvanceUntilAsync(() => Task.FromResult(mails()), m => m.Count >= count, ClusterClock.MaxStep, what);
}
