using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.Messaging;
using PPipe.Frontend.Components.Pages.Cohorts;
using PPipe.Frontend.Tests.Infrastructure;
using PPipe.Grains.Interfaces.Accounts;
using PPipe.Grains.Interfaces.Join;

namespace PPipe.Frontend.Tests.Cohorts;

/// <summary>
/// The instructors' self-enrollment section: open a join link with limits, see its link, close it; refused input changes
/// nothing; when the cluster does not answer, it says what could not be done and stays usable.
/// </summary>
[Collection(UiClusterCollection.Name)]
public sealed class JoinLinkSectionTests : BunitContext
{
    private readonly UiClusterFixture _cluster;
    private readonly UnansweringGrains _grains;

    public JoinLinkSectionTests(UiClusterFixture cluster)
    {
        _cluster = cluster;
        _grains = new UnansweringGrains(cluster.Client);
        Services.AddSingleton<IGrainFactory>(_grains);
        this.UseUi(cluster, AccountRoles.Instructor);
    }

    [Fact]
    public async Task JoinLinkSection_OpenWithLimits_ShowsTheLinkToShareThenCloses()
    {
        var cohort = await _cluster.OpenCohortAsync("Join section", _cluster.Clock.UtcNow);
        var cut = Render<JoinLinkSection>(p => p.Add(c => c.CohortId, cohort));
        cut.WaitForAssertion(() => Assert.Contains("Self-enrollment is not open.", cut.Markup, StringComparison.Ordinal));

        await cut.InvokeAsync(() => cut.Find("#join-domains").Change("example.edu, cs.example.org"));
        await cut.InvokeAsync(() => cut.Find("#join-cap").Change("25"));
        await cut.InvokeAsync(() => cut.FindAll("button").Single(b => b.TextContent.Trim() == "Open join link").Click());
        cut.WaitForAssertion(() => Assert.Contains("Close join link", cut.Markup, StringComparison.Ordinal));
        var link = (await _cluster.Client.GetGrain<IJoinLinkGrain>(cohort).GetAsync())!;

        Assert.Contains($"{UiContext.PublicUrl}join/{link.Code}", cut.Find("dl[aria-label='Join link']").TextContent, StringComparison.Ordinal);
        Assert.Contains("0 of at most 25", cut.Markup, StringComparison.Ordinal);
        Assert.Equal(["example.edu", "cs.example.org"], link.Settings.Domains);

        await cut.InvokeAsync(() => cut.FindAll("button").Single(b => b.TextContent.Trim() == "Close join link").Click());
        cut.WaitForAssertion(() => Assert.Contains("closed", cut.Find("dl[aria-label='Join link'] dd").TextContent, StringComparison.Ordinal));
        Assert.False((await _cluster.Client.GetGrain<IJoinLinkGrain>(cohort).GetAsync())!.Open);
    }

    [Fact]
    public async Task JoinLinkSection_AllowlistRowWithoutAnAddress_ListsTheProblemAndOpensNothing()
    {
        var cohort = await _cluster.OpenCohortAsync("Join section", _cluster.Clock.UtcNow);
        var cut = Render<JoinLinkSection>(p => p.Add(c => c.CohortId, cohort));
        cut.WaitForAssertion(() => Assert.Contains("Self-enrollment is not open.", cut.Markup, StringComparison.Ordinal));

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(
            "studentId,name,email\ns-1,Ada Lovelace,ada@example.edu\ns-2,No Address,\n", "allowlist.csv"));
        cut.WaitForAssertion(() => Assert.Contains("2 student(s) on the allowlist to save", cut.Markup, StringComparison.Ordinal));
        await cut.InvokeAsync(() => cut.FindAll("button").Single(b => b.TextContent.Trim() == "Open join link").Click());

        cut.WaitForAssertion(() => Assert.Contains("allowlist[1].email", cut.Find("ul[aria-label='Join link errors']").TextContent, StringComparison.Ordinal));
        Assert.Null(await _cluster.Client.GetGrain<IJoinLinkGrain>(cohort).GetAsync());
    }

    [Fact]
    public async Task JoinLinkSection_LinkUnanswered_SaysSoInsteadAndReadsItAgainOnRequest()
    {
        var cohort = await _cluster.OpenCohortAsync("Join section", _cluster.Clock.UtcNow);
        _grains.Fail<IJoinLinkGrain>(nameof(IJoinLinkGrain.GetAsync), new SiloUnavailableException());

        var cut = Render<JoinLinkSection>(p => p.Add(c => c.CohortId, cohort));

        cut.WaitForAssertion(() => _grains.AssertSaid(cut,
            "The join link could not be read: the platform did not answer. Nothing was changed; read it again in a few seconds.", "Read the join link again"));
        Assert.Empty(cut.FindAll("#join-domains"));

        _grains.Answer();
        await cut.ClickButtonAsync("Read the join link again");

        cut.WaitForAssertion(() => Assert.Contains("Self-enrollment is not open.", cut.Markup, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[role=alert]"));
    }

    [Fact]
    public async Task JoinLinkSection_OpenTimedOut_SaysItMayHaveOpenedHowToCheckAndOpensOnTheNextClick()
    {
        var cohort = await _cluster.OpenCohortAsync("Join section", _cluster.Clock.UtcNow);
        var cut = Render<JoinLinkSection>(p => p.Add(c => c.CohortId, cohort));
        cut.WaitForAssertion(() => Assert.Contains("Self-enrollment is not open.", cut.Markup, StringComparison.Ordinal));
        _grains.Fail<IJoinLinkGrain>(nameof(IJoinLinkGrain.OpenAsync), new TimeoutException());

        await cut.ChangeAsync("#join-domains", "example.edu");
        await cut.ClickButtonAsync("Open join link");
        _grains.AssertSaid(cut, "The platform did not answer in time, so the join link may or may not have been opened or changed. Reload the page in a "
            + "few seconds to see the link's state before trying again.", "Open join link");
        Assert.Equal("example.edu", cut.Find("#join-domains").GetAttribute("value"));

        _grains.Answer();
        await cut.ClickButtonAsync("Open join link");

        cut.WaitForAssertion(() => Assert.Contains("Close join link", cut.Markup, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[role=alert]"));
        Assert.Equal(["example.edu"], (await _cluster.Client.GetGrain<IJoinLinkGrain>(cohort).GetAsync())!.Settings.Domains);
    }

    [Fact]
    public async Task JoinLinkSection_CloseNeverSent_SaysTheLinkStillWorksAndClosesOnTheNextClick()
    {
        var cohort = await _cluster.OpenCohortAsync("Join section", _cluster.Clock.UtcNow);
        var cut = Render<JoinLinkSection>(p => p.Add(c => c.CohortId, cohort));
        cut.WaitForAssertion(() => Assert.Contains("Self-enrollment is not open.", cut.Markup, StringComparison.Ordinal));
        await cut.ClickButtonAsync("Open join link");
        cut.WaitForAssertion(() => Assert.Contains("Close join link", cut.Markup, StringComparison.Ordinal));
        _grains.Fail<IJoinLinkGrain>(nameof(IJoinLinkGrain.CloseAsync), new ConnectionFailedException("No gateway."));

        await cut.ClickButtonAsync("Close join link");

        _grains.AssertSaid(cut,
            "The join link could not be closed: the platform did not answer. It still works; try again in a few seconds.", "Close join link");
        Assert.True((await _cluster.Client.GetGrain<IJoinLinkGrain>(cohort).GetAsync())!.Open);

        _grains.Answer();
        await cut.ClickButtonAsync("Close join link");

        cut.WaitForAssertion(() => Assert.Contains("closed", cut.Find("dl[aria-label='Join link'] dd").TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[role=alert]"));
    }
}
