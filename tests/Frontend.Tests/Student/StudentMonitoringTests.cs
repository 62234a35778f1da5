using Microsoft.Extensions.Time.Testing;
using PPipe.Frontend.Accounts;
using PPipe.Frontend.Components.Pages.Student;
using PPipe.Frontend.Tests.Infrastructure;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Grains.Interfaces.Incidents;
using PPipe.Grains.Interfaces.Probes;

namespace PPipe.Frontend.Tests.Student;

/// <summary>
/// The Monitoring section of the student's page: filing an incident report and a postmortem, seeing one's own reports,
/// and never whether a report matched an injected event. The cohort runs at speed 1, started two days ago (day 3).
/// </summary>
[Collection(UiClusterCollection.Name)]
public sealed class StudentMonitoringTests(UiClusterFixture fixture) : BunitContext
{
    private const string Spec = """
        template: taxi-fares
        duration: 20d
        batches: {enabled: false}
        endpoint: {from: 1d, probeInterval: 1h}
        quirks:
          - {at: 1d, kind: outage, channel: api, for: 8h}
        monitoring: {window: 1d, detectWithin: 2d, reportsPerDay: 3, postmortemAfter: 3h}
        grading: {criteria: {acquisition: 1, monitoring: 1}}
        """;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task FileReport_ThroughTheForm_ListedOnThePageAndRecorded_WithoutSayingWhatItMatched()
    {
        var (key, page) = await OpenAsync("ada");

        await page.ChangeAsync("#incident-kind", "outage");
        await page.ChangeAsync("#incident-day", "2");
        await page.ChangeAsync("#incident-channel", "api");
        await page.ChangeAsync("#incident-summary", "Every call to /releases answered 503 for hours.");
        await page.InvokeAsync(() => page.Find("form#incident-report").Submit());

        page.WaitForAssertion(() => Assert.Equal("Report filed; 2 more can be filed today.", page.Find("#monitoring ~ p[role=status]").TextContent), Patience);
        var filed = Assert.Single((await Grain(key).GetIncidentsAsync()).Reports);
        Assert.Equal((IncidentKind.Outage, "api", TimeSpan.FromDays(1), "Every call to /releases answered 503 for hours."),
            (filed.Report.Kind, filed.Report.Channel, filed.Report.BeganAt, filed.Report.Summary));
        Assert.NotNull(filed.Matched); // the platform knows it matched the api outage ...
        var row = page.Find("table[aria-label='Your incident reports'] tbody tr").TextContent;
        Assert.Contains("Every call to /releases answered 503 for hours.", row, StringComparison.Ordinal);
        Assert.Contains("day 2", row, StringComparison.Ordinal);
        Assert.DoesNotContain(filed.Matched!, page.Find("section[aria-labelledby=monitoring]").TextContent, StringComparison.Ordinal); // ... the student is not told
        Assert.Contains("1 of 3 reports filed today", page.Find("[aria-label='Reports today']").TextContent, StringComparison.Ordinal);
        Assert.StartsWith("Your monitoring is graded", page.Find("#monitoring + p").TextContent.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Section_ScenarioThatDoesNotGradeMonitoring_SaysSoAndStillTakesReports()
    {
        var key = (await fixture.EnrollAsync(fixture.Clock.UtcNow - TimeSpan.FromDays(2), 1, ["dee"]))[0].Key;
        var page = Open(key);

        Assert.StartsWith("This scenario does not grade monitoring", page.Find("#monitoring + p").TextContent.Trim(), StringComparison.Ordinal);
        Assert.NotNull(page.Find("form#incident-report"));
    }

    [Fact]
    public async Task FileReport_NoSummaryAndADayStillToCome_ProblemsNamedAndNothingFiled()
    {
        var (key, page) = await OpenAsync("bob");

        await page.ChangeAsync("#incident-day", "5");
        await page.InvokeAsync(() => page.Find("form#incident-report").Submit());

        page.WaitForAssertion(() => Assert.Contains("summary:", page.Find("ul[aria-label='Report errors']").TextContent, StringComparison.Ordinal), Patience);
        var errors = page.Find("ul[aria-label='Report errors']").TextContent;
        Assert.Contains("beganAt:", errors, StringComparison.Ordinal);
        Assert.Contains("report what has begun", errors, StringComparison.Ordinal);
        Assert.Equal("true", page.Find("#incident-summary").GetAttribute("aria-invalid"));
        Assert.Equal(0, (await Grain(key).GetIncidentsAsync()).Filed);
        Assert.Equal("No reports yet.", page.Find("#monitoring ~ h3 + p").TextContent);
    }

    [Fact]
    public async Task FileReport_OverTheDailyLimit_RefusalShownAndNothingMoreFiled()
    {
        var (key, page) = await OpenAsync("eve");
        for (var i = 0; i < 3; i++)
        {
            await Grain(key).FileIncidentAsync(new IncidentReport(IncidentKind.Other, [], null, TimeSpan.FromDays(1), $"Report {i}."));
        }

        await page.ChangeAsync("#incident-summary", "One more.");
        await page.InvokeAsync(() => page.Find("form#incident-report").Submit());

        page.WaitForAssertion(() => Assert.Contains("report:", page.Find("ul[aria-label='Report errors']").TextContent, StringComparison.Ordinal), Patience);
        var log = await Grain(key).GetIncidentsAsync();
        Assert.Equal((3, 1), (log.Filed, log.Refused));
        Assert.Empty(page.FindAll("#monitoring ~ p[role=status]"));
    }

    [Fact]
    public async Task Postmortem_ForALongOutageOfTheEndpoint_FiledFromThePage_AnEmptyOneRefused()
    {
        var startsAt = fixture.Clock.UtcNow - TimeSpan.FromDays(2);
        var key = (await fixture.EnrollAsync(startsAt, 1, ["cy"], spec: Spec))[0].Key;
        // Down from hour 25 to hour 30 of the scenario: five hours, over the three a postmortem needs.
        await Grain(key).RecordProbesAsync([Probe(startsAt, 24, ok: true), Probe(startsAt, 25, ok: false), Probe(startsAt, 26, ok: false)]);
        await Grain(key).RecordProbesAsync([Probe(startsAt, 30, ok: true)]);
        var outage = Assert.Single((await Grain(key).GetIncidentsAsync()).Outages);
        var page = Open(key);
        page.WaitForAssertion(() => page.Find($"#postmortem-{outage.Id}"), Patience);

        await page.InvokeAsync(() => page.Find($"form#postmortem-{outage.Id}-form").Submit());
        page.WaitForAssertion(() => Assert.Contains("Say what happened", page.Find("ul[aria-label='Report errors']").TextContent, StringComparison.Ordinal), Patience);
        Assert.Null((await Grain(key).GetIncidentsAsync()).Outages.Single().Postmortem);

        await page.ChangeAsync($"#postmortem-{outage.Id}", "The container ran out of memory; the limit is raised and alerting added.");
        await page.InvokeAsync(() => page.Find($"form#postmortem-{outage.Id}-form").Submit());

        page.WaitForAssertion(() => Assert.Equal($"Postmortem for outage {outage.Id} filed.", page.Find("#monitoring ~ p[role=status]").TextContent), Patience);
        Assert.Equal("The container ran out of memory; the limit is raised and alerting added.",
            (await Grain(key).GetIncidentsAsync()).Outages.Single().Postmortem);
        Assert.Contains("Postmortem filed; filing again replaces it.", page.Find($"form#postmortem-{outage.Id}-form").TextContent, StringComparison.Ordinal);
    }

    private async Task<(EnrollmentKey Key, IRenderedComponent<StudentPage> Page)> OpenAsync(string student)
    {
        var key = (await fixture.EnrollAsync(fixture.Clock.UtcNow - TimeSpan.FromDays(2), 1, [student], spec: Spec))[0].Key;
        return (key, Open(key));
    }

    private IRenderedComponent<StudentPage> Open(EnrollmentKey key)
    {
        this.UseUi(fixture, new FakeTimeProvider(fixture.Clock.UtcNow), UiAuth.Student(key, "credential"));
        var page = Render<StudentPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("form#incident-report")), Patience);
        return page;
    }

    private static ProbeResult Probe(DateTimeOffset startsAt, long hour, bool ok) =>
        new(hour - 24, 1, startsAt + TimeSpan.FromHours(hour), TimeSpan.FromHours(hour), ok, ok ? 200 : null, 5, null, ok ? null : "refused", 1, null);

    private IEnrollmentGrain Grain(EnrollmentKey key) => fixture.Client.GetGrain<IEnrollmentGrain>(key.ToString());
}
