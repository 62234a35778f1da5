using Microsoft.Extensions.DependencyInjection;
using PPipe.Frontend.Components.Pages.Cohorts;
using PPipe.Frontend.Tests.Infrastructure;
using PPipe.Grains.Interfaces.Accounts;
using PPipe.Grains.Interfaces.Notifications;

namespace PPipe.Frontend.Tests.Cohorts;

/// <summary>
/// The monitor's digest and alerts section: who is told, when and at what threshold; refused input changes nothing; when the
/// cluster does not answer, it says what could not be done and stays usable.
/// </summary>
[Collection(UiClusterCollection.Name)]
public sealed class AlertsSectionTests : BunitContext
{
    private const string NoContact = "No contact e-mail is set, so the instructor receives no daily digest and no endpoints alert for this cohort.";

    private readonly UiClusterFixture _cluster;
    private readonly UnansweringGrains _grains;

    public AlertsSectionTests(UiClusterFixture cluster)
    {
        _cluster = cluster;
        _grains = new UnansweringGrains(cluster.Client);
        Services.AddSingleton<IGrainFactory>(_grains);
        this.UseUi(cluster, AccountRoles.Instructor);
    }

    [Fact]
    public async Task AlertsSection_NoContactSet_SaysTheInstructorReceivesNothing()
    {
        var cohort = await _cluster.OpenCohortAsync("Alerts section", _cluster.Clock.UtcNow);

        var cut = Open(cohort);

        Assert.Equal(NoContact, Squeezed(cut.Find("[aria-label='No contact']").TextContent).Replace(" Set one below.", "", StringComparison.Ordinal));
        Assert.Contains("none: nothing is sent", cut.Find("dl[aria-label='Digest and alerts']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AlertsSection_Saved_StoredAndShownWhenOpenedAgain()
    {
        var cohort = await _cluster.OpenCohortAsync("Alerts section", _cluster.Clock.UtcNow);
        var cut = Open(cohort);

        await cut.ChangeAsync("#alerts-email", " prof@example.edu ");
        await cut.ChangeAsync("#alerts-name", "Prof. Ada");
        await cut.ChangeAsync("#alerts-hour", "18");
        await cut.ChangeAsync("#alerts-share", "0.5");
        await cut.ChangeAsync("#alerts-minimum", "6");
        await cut.InvokeAsync(() => cut.Find("#alerts-endpoints").Change(false));
        await cut.ClickButtonAsync("Save digest and alerts");
        cut.WaitForAssertion(() => Assert.Contains("Saved.", cut.Markup, StringComparison.Ordinal));
        var again = Open(cohort);

        Assert.Equal(new CohortAlerts("prof@example.edu", "Prof. Ada", true, 18, false, 0.5, 6), (await Grain(cohort).GetAsync()).Alerts);
        Assert.Equal(("prof@example.edu", "Prof. Ada", "18", "0.5", "6"), (again.Find("#alerts-email").GetAttribute("value"),
            again.Find("#alerts-name").GetAttribute("value"), again.Find("#alerts-hour").GetAttribute("value"),
            again.Find("#alerts-share").GetAttribute("value"), again.Find("#alerts-minimum").GetAttribute("value")));
        Assert.False(again.Find("#alerts-endpoints").HasAttribute("checked"));
        Assert.True(again.Find("#alerts-digest").HasAttribute("checked"));
        var shown = again.Find("dl[aria-label='Digest and alerts']").TextContent;
        Assert.Contains("Prof. Ada (prof@example.edu)", shown, StringComparison.Ordinal);
        Assert.Contains("at 18:00 UTC", shown, StringComparison.Ordinal);
        Assert.Empty(again.FindAll("[aria-label='No contact']"));
    }

    [Fact]
    public async Task AlertsSection_InvalidContactEmail_ShowsTheProblemAndSavesNothing()
    {
        var cohort = await _cluster.OpenCohortAsync("Alerts section", _cluster.Clock.UtcNow);
        var cut = Open(cohort);

        await cut.ChangeAsync("#alerts-email", "prof at school");
        await cut.ChangeAsync("#alerts-hour", "24");
        await cut.ClickButtonAsync("Save digest and alerts");

        var problems = cut.FindAll("ul[aria-label='Alert settings errors'] li").Select(li => li.TextContent).ToArray();
        Assert.Equal(["contactEmail: 'prof at school' is not an e-mail address (name@example.edu).", "digestHourUtc: The digest's hour is from 0 to 23 (UTC)."], problems);
        Assert.Equal("true", cut.Find("#alerts-email").GetAttribute("aria-invalid"));
        Assert.DoesNotContain("Saved.", cut.Markup, StringComparison.Ordinal);
        Assert.Equal(CohortAlerts.Default, (await Grain(cohort).GetAsync()).Alerts);
        Assert.NotNull(cut.Find("[aria-label='No contact']"));
    }

    [Fact]
    public async Task AlertsSection_SettingsUnanswered_SaysSoInsteadAndReadsThemAgainOnRequest()
    {
        var cohort = await _cluster.OpenCohortAsync("Alerts section", _cluster.Clock.UtcNow);
        _grains.Fail<ICohortNotificationsGrain>(nameof(ICohortNotificationsGrain.GetAsync), new SiloUnavailableException());

        var cut = Render<AlertsSection>(p => p.Add(c => c.CohortId, cohort));

        cut.WaitForAssertion(() => _grains.AssertSaid(cut,
            "The digest and alert settings could not be read: the platform did not answer. Nothing was changed; read them again in a few seconds.", "Read the alert settings again"));
        Assert.Empty(cut.FindAll("dl[aria-label='Digest and alerts']"));

        _grains.Answer();
        await cut.ClickButtonAsync("Read the alert settings again");

        cut.WaitForAssertion(() => cut.Find("dl[aria-label='Digest and alerts']"));
        Assert.Empty(cut.FindAll("[role=alert]"));
    }

    [Fact]
    public async Task AlertsSection_SaveTimedOut_SaysTheyMayHaveBeenSavedKeepsTheFormAndSavesOnTheNextClick()
    {
        var cohort = await _cluster.OpenCohortAsync("Alerts section", _cluster.Clock.UtcNow);
        var cut = Open(cohort);
        _grains.Fail<ICohortNotificationsGrain>(nameof(ICohortNotificationsGrain.SetAlertsAsync), new TimeoutException());

        await cut.ChangeAsync("#alerts-email", "prof@example.edu");
        await cut.ClickButtonAsync("Save digest and alerts");
        _grains.AssertSaid(cut, "The platform did not answer in time, so the digest and alert settings may or may not have been saved. Save again in a "
            + "few seconds (the same settings twice change nothing), or reload the page to see those stored.", "Save digest and alerts");
        Assert.DoesNotContain("Saved.", cut.Markup, StringComparison.Ordinal);
        Assert.Equal("prof@example.edu", cut.Find("#alerts-email").GetAttribute("value"));

        _grains.Answer();
        await cut.ClickButtonAsync("Save digest and alerts");

        cut.WaitForAssertion(() => Assert.Contains("Saved.", cut.Markup, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[role=alert]"));
        Assert.Equal("prof@example.edu", (await Grain(cohort).GetAsync()).Alerts.ContactEmail);
    }

    private IRenderedComponent<AlertsSection> Open(string cohort)
    {
        var cut = Render<AlertsSection>(p => p.Add(c => c.CohortId, cohort));
        cut.WaitForAssertion(() => cut.Find("dl[aria-label='Digest and alerts']"));
        return cut;
    }

    private static string Squeezed(string text) => string.Join(' ', text.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));

    private ICohortNotificationsGrain Grain(string cohort) => _cluster.Client.GetGrain<ICohortNotificationsGrain>(cohort);
}
