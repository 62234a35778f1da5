using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.Messaging;
using PPipe.Frontend.Components.Pages.Cohorts;
using PPipe.Frontend.Tests.Infrastructure;
using PPipe.Grains.Interfaces.Accounts;
using PPipe.Grains.Interfaces.Notifications;

namespace PPipe.Frontend.Tests.Cohorts;

/// <summary>
/// The monitor's announcements section: write, confirm, send to the whole cohort and follow the delivery; refused or cancelled,
/// nothing is sent; when the cluster does not answer, it says what could not be done and stays usable.
/// </summary>
[Collection(UiClusterCollection.Name)]
public sealed class AnnouncementsSectionTests : BunitContext
{
    private readonly UiClusterFixture _cluster;
    private readonly UnansweringGrains _grains;

    public AnnouncementsSectionTests(UiClusterFixture cluster)
    {
        _cluster = cluster;
        _grains = new UnansweringGrains(cluster.Client);
        Services.AddSingleton<IGrainFactory>(_grains);
        this.UseUi(cluster, AccountRoles.Instructor);
    }

    [Fact]
    public async Task AnnouncementsSection_ConfirmedSend_RecordedListedAndDeliveredToEveryStudent()
    {
        var cohort = await _cluster.CohortWithStudentsAsync(3, "Announcing");
        var cut = Open(cohort, enrolled: 3);

        await cut.ChangeAsync("#announcement-subject", " Lab moved ");
        await cut.ChangeAsync("#announcement-text", "The lab is on Friday.\nBring your laptop.");
        await cut.ClickButtonAsync("Review announcement");
        var confirmation = cut.Find("[aria-label='Confirm the announcement']").TextContent;
        await cut.ClickButtonAsync("Send to the whole cohort");

        Assert.Contains("Send “Lab moved” to every student of the cohort (3 enrolled)?", confirmation, StringComparison.Ordinal);
        cut.WaitForAssertion(() => Assert.Contains("Accepted: announcement #1", cut.Markup, StringComparison.Ordinal));
        var recorded = Assert.Single(await Grain(cohort).GetAnnouncementsAsync()).Announcement;
        Assert.Equal((1, "Lab moved", "The lab is on Friday.\nBring your laptop."), (recorded.Seq, recorded.Subject, recorded.Text));
        Assert.Contains("Lab moved", cut.Find("table[aria-label='Past announcements'] tbody tr").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.Find("#announcement-subject").GetAttribute("value") ?? "");

        // The delivery steps run on the cluster's clock; the section follows them while one is under way.
        await _cluster.Clock.AdvanceAsync(TimeSpan.FromSeconds(1));
        cut.WaitForAssertion(() => Assert.Contains("3 students reached · done",
            cut.Find("table[aria-label='Past announcements'] tbody tr td[data-label='Delivery']").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnnouncementsSection_ConfirmationCancelled_SendsNothing()
    {
        var cohort = await _cluster.CohortWithStudentsAsync(2, "Announcing");
        var cut = Open(cohort, enrolled: 2);

        await cut.ChangeAsync("#announcement-subject", "Quiz");
        await cut.ChangeAsync("#announcement-text", "A quiz on Monday.");
        await cut.ClickButtonAsync("Review announcement");
        await cut.ClickButtonAsync("Cancel");

        Assert.Empty(cut.FindAll("[aria-label='Confirm the announcement']"));
        Assert.Empty(await Grain(cohort).GetAnnouncementsAsync());
        Assert.Contains("No announcements yet.", cut.Markup, StringComparison.Ordinal);
        Assert.Equal("Quiz", cut.Find("#announcement-subject").GetAttribute("value"));
    }

    [Fact]
    public async Task AnnouncementsSection_EmptyText_ShowsTheProblemAndRecordsNothing()
    {
        var cohort = await _cluster.CohortWithStudentsAsync(1, "Announcing");
        var cut = Open(cohort, enrolled: 1);

        await cut.ChangeAsync("#announcement-subject", "Quiz");
        await cut.ChangeAsync("#announcement-text", "   ");
        await cut.ClickButtonAsync("Review announcement");

        Assert.Equal("text: The text is empty.", cut.Find("ul[aria-label='Announcement errors']").TextContent.Trim());
        Assert.Equal("true", cut.Find("#announcement-text").GetAttribute("aria-invalid"));
        Assert.Empty(cut.FindAll("[aria-label='Confirm the announcement']"));
        Assert.Empty(await Grain(cohort).GetAnnouncementsAsync());
    }

    [Fact]
    public async Task AnnouncementsSection_ListUnanswered_SaysSoInsteadAndShowsTheListOnceTheClusterAnswers()
    {
        var cohort = await _cluster.CohortWithStudentsAsync(1, "Announcing");
        await Grain(cohort).PostAnnouncementAsync("Quiz", "A quiz on Monday.");
        _grains.Fail<ICohortNotificationsGrain>(nameof(ICohortNotificationsGrain.GetAnnouncementsAsync), new SiloUnavailableException());

        var cut = Render<AnnouncementsSection>(p => p.Add(c => c.CohortId, cohort).Add(c => c.Enrolled, 1));

        cut.WaitForAssertion(() => _grains.AssertSaid(cut,
            "The announcements sent could not be read: the platform did not answer. Nothing was changed; the list is read again in a few seconds.", "Review announcement"));
        Assert.Empty(cut.FindAll("table[aria-label='Past announcements']"));
        await cut.ChangeAsync("#announcement-subject", "Lab moved");
        await cut.ChangeAsync("#announcement-text", "The lab is on Friday.");
        await cut.ClickButtonAsync("Review announcement");
        Assert.NotNull(cut.Find("[aria-label='Confirm the announcement']"));

        // The section reads the list again on its next refresh, two seconds on.
        _grains.Answer();
        cut.WaitForAssertion(() => Assert.Contains("Quiz", cut.Find("table[aria-label='Past announcements'] tbody tr").TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[role=alert]"));
    }

    [Fact]
    public async Task AnnouncementsSection_PostTimedOut_SaysItMayHaveBeenPostedHowToCheckAndStaysUsable()
    {
        var cohort = await _cluster.CohortWithStudentsAsync(2, "Announcing");
        var cut = Open(cohort, enrolled: 2);
        _grains.Fail<ICohortNotificationsGrain>(nameof(ICohortNotificationsGrain.PostAnnouncementAsync), new TimeoutException());

        await cut.ChangeAsync("#announcement-subject", "Lab moved");
        await cut.ChangeAsync("#announcement-text", "The lab is on Friday.");
        await cut.ClickButtonAsync("Review announcement");
        await cut.ClickButtonAsync("Send to the whole cohort");
        _grains.AssertSaid(cut, "The platform did not answer in time, so the announcement may or may not have been posted. Check “Sent to the cohort” "
            + "below, read again in a few seconds, before sending it again.", "Send to the whole cohort");
        Assert.DoesNotContain("Accepted", cut.Markup, StringComparison.Ordinal);
        Assert.Equal("Lab moved", cut.Find("#announcement-subject").GetAttribute("value"));

        _grains.Answer();
        await cut.ClickButtonAsync("Send to the whole cohort");

        cut.WaitForAssertion(() => Assert.Contains("Accepted: announcement #1", cut.Markup, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[role=alert]"));
        Assert.Equal("Lab moved", Assert.Single(await Grain(cohort).GetAnnouncementsAsync()).Announcement.Subject);
    }

    [Fact]
    public async Task AnnouncementsSection_PostNeverSent_SaysNothingWasSent()
    {
        var cohort = await _cluster.CohortWithStudentsAsync(1, "Announcing");
        var cut = Open(cohort, enrolled: 1);
        _grains.Fail<ICohortNotificationsGrain>(nameof(ICohortNotificationsGrain.PostAnnouncementAsync), new ConnectionFailedException("No gateway."));

        await cut.ChangeAsync("#announcement-subject", "Quiz");
        await cut.ChangeAsync("#announcement-text", "A quiz on Monday.");
        await cut.ClickButtonAsync("Review announcement");
        await cut.ClickButtonAsync("Send to the whole cohort");

        _grains.AssertSaid(cut,
            "The announcement could not be posted: the platform did not answer. Nothing was sent; try again in a few seconds.", "Send to the whole cohort");
        await cut.ClickButtonAsync("Cancel");
        Assert.Empty(cut.FindAll("[role=alert]"));
        Assert.Empty(await Grain(cohort).GetAnnouncementsAsync());
    }

    private IRenderedComponent<AnnouncementsSection> Open(string cohort, int enrolled)
    {
        var cut = Render<AnnouncementsSection>(p => p.Add(c => c.CohortId, cohort).Add(c => c.Enrolled, enrolled));
        cut.WaitForAssertion(() => Assert.Contains("No announcements yet.", cut.Markup, StringComparison.Ordinal));
        return cut;
    }

    private ICohortNotificationsGrain Grain(string cohort) => _cluster.Client.GetGrain<ICohortNotificationsGrain>(cohort);
}
