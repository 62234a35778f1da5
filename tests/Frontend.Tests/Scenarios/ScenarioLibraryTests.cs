using PPipe.Frontend.Components.Pages.Scenarios;
using PPipe.Frontend.Tests.Infrastructure;
using PPipe.Grains.Interfaces.Accounts;
using PPipe.Grains.Interfaces.Scenarios;
using PPipe.Scenarios.Templates;

namespace PPipe.Frontend.Tests.Scenarios;

[Collection(UiClusterCollection.Name)]
public sealed class ScenarioLibraryTests : BunitContext
{
    private readonly UiClusterFixture _cluster;

    public ScenarioLibraryTests(UiClusterFixture cluster)
    {
        _cluster = cluster;
        this.UseUi(cluster, AccountRoles.Instructor);
    }

    [Fact]
    public void Library_Templates_EachHasStartAndCohortLinks()
    {
        var cut = Render<ScenarioLibrary>();

        var rows = cut.FindAll("table[aria-label='Built-in templates'] tbody tr");
        Assert.Equal(ScenarioTemplates.All.Count, rows.Count);
        var taxi = rows.Single(r => r.TextContent.Contains("taxi-fares", StringComparison.Ordinal));
        var links = taxi.QuerySelectorAll("a").ToDictionary(a => a.TextContent, a => a.GetAttribute("href"));
        Assert.Equal("/scenarios/new?from=taxi-fares", links["Start from this template"]);
        Assert.Equal("/cohorts/new?scenario=taxi-fares&version=1", links["Create cohort"]);
        Assert.Contains("regression on fare_usd", taxi.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Library_UploadedScenario_IsListedWithItsLatestVersion()
    {
        var id = "t-" + Guid.NewGuid().ToString("N")[..12];
        var grain = _cluster.Client.GetGrain<IScenarioGrain>(id);
        await grain.AddVersionAsync("template: card-fraud\ntitle: Fraud, first cut\n");
        await grain.AddVersionAsync("template: card-fraud\ntitle: Fraud, second cut\n");

        var cut = Render<ScenarioLibrary>();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("table[aria-label='Uploaded scenarios']")));
        var row = cut.FindAll("table[aria-label='Uploaded scenarios'] tbody tr").Single(r => r.TextContent.Contains(id, StringComparison.Ordinal));
        var cells = row.QuerySelectorAll("th, td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal([id, "Fraud, second cut", "2"], cells.Take(3));
        var links = row.QuerySelectorAll("a").ToDictionary(a => a.TextContent, a => a.GetAttribute("href"));
        Assert.Equal($"/scenarios/{id}", links[id]);
        Assert.Equal($"/cohorts/new?scenario={id}&version=2", links["Create cohort"]);
    }
}
