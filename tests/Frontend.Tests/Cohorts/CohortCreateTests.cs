using System.Collections.Immutable;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using PPipe.Frontend.Cohorts;
using PPipe.Frontend.Components.Pages.Cohorts;
using PPipe.Frontend.Tests.Infrastructure;
using PPipe.Grains.Interfaces.Accounts;
using PPipe.Grains.Interfaces.Cohorts;
using PPipe.Grains.Interfaces.Library;

namespace PPipe.Frontend.Tests.Cohorts;

[Collection(UiClusterCollection.Name)]
public sealed class CohortCreateTests : BunitContext
{
    private readonly UiClusterFixture _cluster;

    public CohortCreateTests(UiClusterFixture cluster)
    {
        _cluster = cluster;
        this.UseUi(cluster, AccountRoles.Instructor);
    }

    [Fact]
    public void CohortCreate_EveryField_HasALabel()
    {
        var cut = Render<CohortCreate>();
        cut.WaitForElement("#cohort-name");

        cut.Find("#cohort-late-policy").Change("penalty");
        cut.WaitForElement("#cohort-late-cutoff");
        var ids = cut.FindAll("input, select").Select(e => e.Id).ToList();

        Assert.Equal(["cohort-name", "cohort-scenario", "cohort-version", "cohort-starts-at", "cohort-speed", "cohort-late-policy",
            "cohort-late-penalty", "cohort-late-cutoff", "cohort-grading-policy"], ids);
        Assert.All(ids, id => Assert.NotEmpty(cut.FindAll($"label[for='{id}']")));
    }

    [Fact]
    public void CohortCreate_ScenarioChosen_OffersItsCriteriaWithTheScenariosWeights()
    {
        var cut = Render<CohortCreate>();
        cut.WaitForElement("#cohort-name");

        cut.Find("#cohort-scenario").Change("taxi-fares");

        var weights = cut.WaitForElements("input[id^='cohort-weight-']");
        Assert.Equal(["acquisition", "batchQuality", "punctuality", "endpointAvailability", "endpointLatency", "endpointQuality", "adaptation"],
            weights.Select(w => w.Id!["cohort-weight-".Length..]));
        Assert.Equal(["0.1", "0.25", "0.1", "0.15", "0.1", "0.15", "0.15"], weights.Select(w => w.GetAttribute("value")));
        Assert.All(weights, w => Assert.NotEmpty(cut.FindAll($"label[for='{w.Id}']")));
    }

    [Fact]
    public async Task CohortCreate_AllProficientAndACriterionOff_StoredWithTheCohort()
    {
        var name = $"Strict {Guid.NewGuid():N}";
        var cut = Render<CohortCreate>();
        cut.WaitForElement("#cohort-name");

        cut.Find("#cohort-name").Change(name);
        cut.Find("#cohort-scenario").Change("taxi-fares");
        cut.Find("#cohort-grading-policy").Change("all-proficient");
        cut.WaitForElement("#cohort-weight-adaptation").Change("0");
        cut.Find("#cohort-weight-punctuality").Change("0.3");
        cut.Find("form").Submit();

        cut.WaitForElement("#roster-file");
        var entry = Assert.Single(await Library().CohortsAsync(), c => c.Title == name);
        var info = await _cluster.Client.GetGrain<ICohortGrain>(entry.Id).GetAsync();
        Assert.Equal(new CohortGrading("all-proficient", ImmutableDictionary<string, double>.Empty.Add("adaptation", 0).Add("punctuality", 0.3)), info!.Grading);
    }

    [Fact]
    public async Task CohortCreate_EveryWeightZero_ShowsTheApisMessageAndCreatesNothing()
    {
        var before = (await Library().CohortsAsync()).Length;
        var cut = Render<CohortCreate>();
        cut.WaitForElement("#cohort-name");

        cut.Find("#cohort-name").Change("Nothing assessed");
        cut.Find("#cohort-scenario").Change("taxi-fares");
        foreach (var id in cut.WaitForElements("input[id^='cohort-weight-']").Select(w => w.Id).ToList())
        {
            cut.Find($"#{id}").Change("0");
        }

        cut.Find("form").Submit();

        cut.WaitForAssertion(() => Assert.Contains("The cohort is not valid: 1 field(s) need fixing.", cut.Find("[role=alert]").TextContent));
        Assert.Contains("These weights switch off every criterion; at least one must keep a positive weight.", cut.Markup);
        Assert.Empty(cut.FindAll("#roster-file"));
        Assert.Equal(before, (await Library().CohortsAsync()).Length);
    }

    [Fact]
    public async Task CohortCreate_DefaultGrading_StoresNoneOfItsOwn()
    {
        var name = $"Plain {Guid.NewGuid():N}";
        var cut = Render<CohortCreate>();
        cut.WaitForElement("#cohort-name");

        cut.Find("#cohort-name").Change(name);
        cut.Find("#cohort-scenario").Change("taxi-fares");
        cut.WaitForElement("#cohort-weight-adaptation");
        cut.Find("form").Submit();

        cut.WaitForElement("#roster-file");
        var entry = Assert.Single(await Library().CohortsAsync(), c => c.Title == name);
        Assert.Null((await _cluster.Client.GetGrain<ICohortGrain>(entry.Id).GetAsync())!.Grading);
    }

    [Fact]
    public async Task CohortCreate_BadInput_ShowsTheApisMessagesAndCreatesNothing()
    {
        var before = (await Library().CohortsAsync()).Length;
        var cut = Render<CohortCreate>();
        cut.WaitForElement("#cohort-name");

        cut.Find("#cohort-scenario").Change("no-such");
        cut.Find("#cohort-starts-at").Change("");
        cut.Find("#cohort-speed").Change("-1");
        cut.Find("form").Submit();

        var text = cut.WaitForElement("[role=alert]").TextContent;
        Assert.Contains("The cohort is not valid: 4 field(s) need fixing.", text);
        Assert.Contains("Give the cohort a name of 1 to 200 characters.", cut.Markup);
        Assert.Contains("There is no scenario 'no-such' with version 1.", cut.Markup);
        Assert.Contains("Give the start as an ISO 8601 time", cut.Markup);
        Assert.Contains("Give a speed above 0 and at most 100000", cut.Markup);
        Assert.Empty(cut.FindAll("#roster-file"));
        Assert.Equal(before, (await Library().CohortsAsync()).Length);
    }

    [Fact]
    public async Task CohortCreate_PenaltyPolicyWithoutPenalty_ShowsThePenaltyMessageAndCreatesNothing()
    {
        var before = (await Library().CohortsAsync()).Length;
        var cut = Render<CohortCreate>();
        cut.WaitForElement("#cohort-name");

        cut.Find("#cohort-name").Change("Late rules");
        cut.Find("#cohort-scenario").Change("taxi-fares");
        cut.Find("#cohort-late-policy").Change("penalty");
        cut.WaitForElement("#cohort-late-cutoff").Change("soon");
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => Assert.Contains(
            "Give the penalty as the fraction of a batch score lost, above 0 and at most 1 (0.25 = a quarter).", cut.Markup));
        Assert.Contains("The cohort is not valid: 1 field(s) need fixing.", cut.Find("[role=alert]").TextContent);
        Assert.Equal(before, (await Library().CohortsAsync()).Length);
    }

    [Fact]
    public async Task CohortCreate_ValidInput_CreatesTheCohortAndMovesToTheRosterImport()
    {
        var name = $"Spring {Guid.NewGuid():N}";
        var cut = Render<CohortCreate>();
        cut.WaitForElement("#cohort-name");

        cut.Find("#cohort-name").Change(name);
        cut.Find("#cohort-scenario").Change("card-fraud");
        cut.Find("#cohort-starts-at").Change("2031-02-03T09:30");
        cut.Find("#cohort-speed").Change("720");
        cut.Find("#cohort-late-policy").Change("penalty");
        cut.WaitForElement("#cohort-late-penalty").Change("0.25");
        cut.Find("#cohort-late-cutoff").Change("12h");
        cut.Find("form").Submit();

        cut.WaitForElement("#roster-file");
        var entry = Assert.Single(await Library().CohortsAsync(), c => c.Title == name);
        var info = await _cluster.Client.GetGrain<ICohortGrain>(entry.Id).GetAsync();
        Assert.NotNull(info);
        Assert.Equal(("card-fraud", 1, 720.0), (info.ScenarioId, info.Version, info.Clock.Speed));
        Assert.Equal(new DateTimeOffset(2031, 2, 3, 9, 30, 0, TimeSpan.Zero), info.Clock.StartsAt);
        Assert.Equal(new CohortLatePolicy("penalty", 0.25, TimeSpan.FromHours(12)), info.Late);
        Assert.Equal($"/cohorts/{entry.Id}", cut.Find("a[href^='/cohorts/c-']").GetAttribute("href"));
        Assert.Contains(entry.Id, cut.Find("[role=status]").TextContent);
    }

    [Fact]
    public async Task CohortCreate_SameRequestAsTheApi_SameMessages()
    {
        var request = new CreateCohortRequest(" ", "taxi-fares", 7, null, 0,
            new LateRequest(PPipe.Scenarios.LatePolicyKind.Reject, null, "2d"));
        var expected = await CohortRequestValidator.ValidateAsync(request, Services.GetRequiredService<PPipe.Grains.Client.Scenarios.ScenarioCatalog>(),
            Xunit.TestContext.Current.CancellationToken);
        var cut = Render<CohortCreate>();
        cut.WaitForElement("#cohort-name");

        cut.Find("#cohort-name").Change(" ");
        cut.Find("#cohort-scenario").Change("taxi-fares");
        cut.Find("#cohort-version").Change("7");
        cut.Find("#cohort-starts-at").Change("");
        cut.Find("#cohort-speed").Change("0");
        cut.Find("#cohort-late-policy").Change("reject");
        cut.WaitForElement("#cohort-late-cutoff").Change("2d");
        cut.Find("form").Submit();

        cut.WaitForElement("[role=alert]");
        Assert.Equal(["late.cutoff", "name", "scenarioId", "speed", "startsAt"], expected.Errors.Keys.Order());
        Assert.All(expected.Errors.Values.SelectMany(m => m), message => Assert.Contains(message, cut.Markup));
    }

    [Fact]
    public void CohortCreate_ScenarioInTheQuery_Prefilled()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/cohorts/new?scenario=energy-demand&version=1");

        var cut = Render<CohortCreate>();

        cut.WaitForAssertion(() => Assert.Equal("energy-demand", cut.Find("#cohort-scenario").GetAttribute("value")));
        Assert.Equal("1", cut.Find("#cohort-version").GetAttribute("value"));
    }

    private ILibraryGrain Library() => _cluster.Client.GetGrain<ILibraryGrain>(ILibraryGrain.Key);
}
