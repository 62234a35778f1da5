using System.Collections.Immutable;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Grains.Interfaces.Notifications;
using PPipe.Grains.Interfaces.Roster;
using PPipe.Grains.Interfaces.Surveys;
using PPipe.Grains.Mail;
using PPipe.Grains.Notifications;
using PPipe.Grains.Tests.Infrastructure;
using PPipe.Scenarios.Surveys;
using PPipe.TestSupport;

namespace PPipe.Grains.Tests.Surveys;

/// <summary>
/// Survey notices on the test cluster's clock: every student told once when a survey opens, a reminder before it closes
/// only to students who have not submitted, nothing for a survey removed or moved before it opens, and students' choices
/// respected as for every other notice. Windows of two minutes: the reminder is due at the middle, a minute after the opening.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SurveyNoticeTests(ClusterFixture fixture)
{
    private const string Spec = """
        template: taxi-fares
        duration: 28d
        releases: {first: 0d, cadence: 7d, rows: 10, channel: api}
        drift: []
        quirks: []
        grading: {criteria: {acquisition: 1}}
        """;

    private static readonly TimeSpan OpensIn = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(2);

    /// <summary>Long enough for the cohort's reminder to come round again.</summary>
    private static readonly TimeSpan ALookLater = ClusterFixture.CohortCheckPeriod + TimeSpan.FromSeconds(1);

    /// <summary>Every required item of the built-in instrument answered: the first option, or the scale's middle.</summary>
    private static readonly ImmutableArray<SurveyAnswer> Complete =
    [
        .. BuiltInInstruments.MlopsSkills.Sections.SelectMany(s => s.Items).Where(i => i.Required).Select(i => i.Kind switch
        {
            SurveyItemKind.Likert => new SurveyAnswer(i.Id, 3, null, null),
            SurveyItemKind.Single => new SurveyAnswer(i.Id, 0, null, null),
            _ => new SurveyAnswer(i.Id, null, [1, 0], null),
        }),
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SurveyOpens_EveryStudentToldOnce_RepeatsChangeNothing()
    {
        var (cohortId, students) = await CohortAsync("open-a", "open-b", "open-c");
        var surveys = PreOpeningIn(OpensIn);
        await Surveys(cohortId).SetAsync(surveys);

        var opened = await NoticeDoneAsync(cohortId, SurveyNoticeStage.Opened);
        var mails = await MailsAsync(cohortId, 3);
        // A repeated hand-over (the instructor saves again), a resumed delivery asking a student again, a later check.
        await Surveys(cohortId).SetAsync(surveys);
        await Enrollment(students[0]).NoticeSurveyAsync(new SurveyNotice(SurveyKind.Pre, SurveyNoticeStage.Opened, "MLOps skills", null, surveys.Pre!.OpensAt, surveys.Pre.ClosesAt));
        await fixture.AdvanceAsync(ALookLater);

        Assert.Equal((3, 0, 0), (opened.Reached, opened.Submitted, opened.Unreached));
        Assert.Equal(surveys.Pre.OpensAt, opened.DueAt);
        Assert.Equal(["open-a@example.org", "open-b@example.org", "open-c@example.org"], mails.Select(m => m.ToAddress).Order(StringComparer.Ordinal));
        Assert.All(mails, m => Assert.StartsWith("P-PIPE · Spring cohort: The pre-survey is open: ", m.Subject, StringComparison.Ordinal));
        Assert.Contains("It takes answers until ", mails[0].TextBody, StringComparison.Ordinal);
        Assert.Contains("Your page: ", mails[0].TextBody, StringComparison.Ordinal);
        Assert.Equal(3, fixture.Mails.Accepted(cohortId).Count);
    }

    [Fact]
    public async Task OpeningNoticeResumedAfterALostActivation_StudentsOnLaterPagesOnlyAndNobodyTwice()
    {
        var ids = Enumerable.Range(1, 12).Select(i => $"resume-{i}").ToArray();
        var (cohortId, students) = await CohortAsync(ids);
        var surveys = PreOpeningIn(-OpensIn);
        var pages = ids.Select(RosterPages.PageOf).Distinct().Order().ToList();
        var resumeAt = pages[pages.Count / 2];
        var later = ids.Where(id => RosterPages.PageOf(id) >= resumeAt).ToArray();
        var notice = new SurveyNotice(SurveyKind.Pre, SurveyNoticeStage.Opened, "MLOps skills", null, surveys.Pre!.OpensAt, surveys.Pre.ClosesAt);
        // What a silo dying in the middle of the opening notice's delivery leaves: the surveys, and the page it had reached.
        await fixture.SeedStateAsync(Notifications(cohortId), "cohort-notifications", new CohortNotificationsState
        {
            Surveys = surveys,
            SurveyNotices = [new SurveyNoticeDelivery { Notice = notice, Page = resumeAt, Reached = 99, StartedAt = surveys.Pre.OpensAt }],
        });

        var opened = await NoticeDoneAsync(cohortId, SurveyNoticeStage.Opened);
        var mails = await MailsAsync(cohortId, later.Length);
        await Enrollment(students[Array.IndexOf(ids, later[0])]).NoticeSurveyAsync(notice);
        await fixture.AdvanceAsync(ALookLater);

        Assert.Equal(99 + later.Length, opened.Reached);
        Assert.Equal(later.Select(id => $"{id}@example.org").Order(StringComparer.Ordinal), mails.Select(m => m.ToAddress).Order(StringComparer.Ordinal));
        Assert.Equal(later.Length, fixture.Mails.Attempts(cohortId).Count);
    }

    [Fact]
    public async Task ClosingReminder_StudentWhoSubmitted_NotReminded()
    {
        var (cohortId, _) = await CohortAsync("rem-done", "rem-late");
        var surveys = PreOpeningIn(OpensIn);
        await Surveys(cohortId).SetAsync(surveys);
        await NoticeDoneAsync(cohortId, SurveyNoticeStage.Opened);
        await MailsAsync(cohortId, 2);

        var submitted = await fixture.Client.GetGrain<IStudentSurveysGrain>($"{cohortId}/rem-done").SubmitAsync(SurveyKind.Pre, Complete);
        var closing = await NoticeDoneAsync(cohortId, SurveyNoticeStage.Closing);
        var mails = await MailsAsync(cohortId, 3);

        Assert.Equal(SurveyAnswerStatus.Submitted, submitted.Status);
        Assert.Equal(surveys.Pre!.OpensAt + Window / 2, closing.DueAt);
        Assert.Equal((1, 1, 0), (closing.Reached, closing.Submitted, closing.Unreached));
        var reminder = mails[2];
        Assert.Equal("rem-late@example.org", reminder.ToAddress);
        Assert.StartsWith("P-PIPE · Spring cohort: The pre-survey closes ", reminder.Subject, StringComparison.Ordinal);
        Assert.Contains("You have not submitted the pre-survey", reminder.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SurveyRemovedBeforeItOpens_NothingSent()
    {
        var (cohortId, _) = await CohortAsync("gone-a");
        await Surveys(cohortId).SetAsync(PreOpeningIn(OpensIn));

        await Surveys(cohortId).SetAsync(CohortSurveys.None);
        await fixture.AdvanceAsync(OpensIn + Window + ALookLater);

        Assert.Empty(await Notifications(cohortId).GetSurveyNoticesAsync());
        Assert.Empty(fixture.Mails.Attempts(cohortId));
    }

    [Fact]
    public async Task WindowMovedBeforeItOpens_NoticeGoesAtTheNewOpening()
    {
        var (cohortId, _) = await CohortAsync("moved-a");
        await Surveys(cohortId).SetAsync(PreOpeningIn(OpensIn));
        var moved = PreOpeningIn(OpensIn * 4);

        await Surveys(cohortId).SetAsync(moved);
        await fixture.AdvanceAsync(OpensIn * 2);
        var before = (await Notifications(cohortId).GetSurveyNoticesAsync()).Single(n => n.Stage == SurveyNoticeStage.Opened);
        var attemptsBefore = fixture.Mails.Attempts(cohortId).Count;
        var opened = await NoticeDoneAsync(cohortId, SurveyNoticeStage.Opened);
        var mail = Assert.Single(await MailsAsync(cohortId, 1));

        Assert.Equal((moved.Pre!.OpensAt, (DateTimeOffset?)null), (before.DueAt, before.StartedAt));
        Assert.Equal(0, attemptsBefore);
        Assert.True(opened.StartedAt >= moved.Pre.OpensAt);
        Assert.Equal("moved-a@example.org", mail.ToAddress);
    }

    [Fact]
    public async Task StudentWhoUnsubscribedFromSurveyNotices_NotMailed()
    {
        var (cohortId, students) = await CohortAsync("unsub-a", "unsub-b");
        var muted = await Enrollment(students[1]).MuteNotificationsAsync(NotificationKind.Survey);
        await Surveys(cohortId).SetAsync(PreOpeningIn(OpensIn));

        var opened = await NoticeDoneAsync(cohortId, SurveyNoticeStage.Opened);
        var mail = Assert.Single(await MailsAsync(cohortId, 1));
        await fixture.AdvanceAsync(ALookLater);

        Assert.True(muted);
        Assert.Equal(2, opened.Reached);
        Assert.Equal("unsub-a@example.org", mail.ToAddress);
        Assert.Single(fixture.Mails.Attempts(cohortId));
        Assert.Empty((await Enrollment(students[1]).GetNotificationsAsync()).Recent);
    }

    private CohortSurveys PreOpeningIn(TimeSpan opensIn)
    {
        var opens = fixture.Clock.UtcNow + opensIn;
        return new CohortSurveys(new SurveySchedule(BuiltInInstruments.MlopsSkillsId, 1, opens, opens + Window), null);
    }

    private async Task<(string CohortId, EnrollmentKey[] Students)> CohortAsync(params string[] ids)
    {
        var scenarioId = await TestCohorts.UploadScenarioAsync(fixture.Client, Spec);
        var (cohortId, students) = await TestCohorts.CreateAsync(fixture.Client, scenarioId, fixture.Clock.UtcNow - TimeSpan.FromHours(1), 1,
            ids.Select(TestCohorts.Student));
        return (cohortId, [.. students.Select(s => s.Key)]);
    }

    private ICohortSurveysGrain Surveys(string cohortId) => fixture.Client.GetGrain<ICohortSurveysGrain>(cohortId);

    private ICohortNotificationsGrain Notifications(string cohortId) => fixture.Client.GetGrain<ICohortNotificationsGrain>(cohortId);

    private IEnrollmentGrain Enrollment(EnrollmentKey key) => fixture.Client.GetGrain<IEnrollmentGrain>(key.ToString());

    /// <summary>Moves the clock (the cohort's timers run on it) until the pre-survey's notice of <paramref name="stage"/> is delivered.</summary>
    private Task<SurveyNoticeStatus> NoticeDoneAsync(string cohortId, SurveyNoticeStage stage) =>
        fixture.AdvanceUntilAsync(async () => (await Notifications(cohortId).GetSurveyNoticesAsync()).Single(n => n.Kind == SurveyKind.Pre && n.Stage == stage),
            n => n.CompletedAt is not null, ClusterClock.MaxStep, $"the {stage} notice delivered");

    private Task<IReadOnlyList<OutgoingMail>> MailsAsync(string cohortId, int count) =>
        fixture.AdvanceUntilAsync(() => Task.FromResult(fixture.Mails.Accepted(cohortId)), m => m.Count >= count, ClusterClock.MaxStep, $"{count} mail(s)");
}
