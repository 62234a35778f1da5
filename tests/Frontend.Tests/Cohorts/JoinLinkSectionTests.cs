using Microsoft.AspNetCore.Components.Forms;
using PPipe.Frontend.Components.Pages.Cohorts;
using PPipe.Frontend.Tests.Infrastructure;
using PPipe.Grains.Interfaces.Accounts;
using PPipe.Grains.Interfaces.Join;

namespace PPipe.Frontend.Tests.Cohorts;

/// <summary>The instructors' self-enrollment section: open a join link with limits, see its link, close it; refused input changes nothing.</summary>
[Collection(UiClusterCollection.Name)]
public sealed class JoinLinkSectionTests : BunitContext
{
    private readonly UiClusterFixture _cluster;

    public JoinLinkSectionTests(UiClusterFixture cluster)
    {
        _cluster = cluster;
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
}
