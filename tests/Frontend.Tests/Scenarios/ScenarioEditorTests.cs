using AngleSharp.Dom;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using PPipe.Frontend.Components.Pages.Scenarios;
using PPipe.Frontend.Tests.Infrastructure;
using PPipe.Grains.Interfaces.Accounts;
using PPipe.Grains.Interfaces.Scenarios;
using PPipe.Scenarios.Templates;

namespace PPipe.Frontend.Tests.Scenarios;

[Collection(UiClusterCollection.Name)]
public sealed class ScenarioEditorTests : BunitContext
{
    private const string BadSpec = """
        template: taxi-fares
        duration: 10d
        drift:
          - at: 12d
            kind: concept
            effects:
              base: 1
        quirks:
          - at: 1d
            kind: missingValues
            rate: 1.5
        """;

    private readonly UiClusterFixture _cluster;

    public ScenarioEditorTests(UiClusterFixture cluster)
    {
        _cluster = cluster;
        this.UseUi(cluster, AccountRoles.Instructor);
    }

    [Fact]
    public void Editor_FromTemplate_ShowsTheTemplateYamlWithALineNumberPerLine()
    {
        var template = ScenarioTemplates.Get("card-fraud");

        var cut = RenderFrom("card-fraud");

        Assert.Equal(template.Yaml, cut.Find("textarea#spec-yaml").GetAttribute("value"));
        Assert.Equal("Scenario YAML", cut.Find("label[for=spec-yaml]").TextContent);
        Assert.Equal(template.Yaml.Count(c => c == '\n') + 1, cut.FindAll(".spec-gutter .gutter-line").Count);
        Assert.Equal("New scenario", cut.Find("h1").TextContent);
    }

    [Fact]
    public async Task Validate_BadSpec_ListsEachProblemAtItsLineAndMarksTheGutter()
    {
        var cut = RenderFrom("taxi-fares");
        await cut.InvokeAsync(() => cut.Find("textarea#spec-yaml").Input(BadSpec));

        await ClickAsync(cut, "Validate");

        var items = cut.FindAll("ul[aria-label='Problems in the spec'] li").Select(li => Normalize(li.TextContent)).ToList();
        Assert.Contains(items, i => i.StartsWith("Line 4: drift[0].at — ", StringComparison.Ordinal));
        Assert.Contains(items, i => i.StartsWith("Line 11: quirks[0].rate — ", StringComparison.Ordinal));
        var marked = cut.FindAll(".gutter-line.has-problem").Select(l => l.GetAttribute("data-line")).ToList();
        Assert.Contains("4", marked);
        Assert.Contains("11", marked);
        Assert.StartsWith("quirks[0].rate: ", cut.Find(".gutter-line[data-line='11']").GetAttribute("title"), StringComparison.Ordinal);
        Assert.Equal("spec-problems", cut.Find("textarea#spec-yaml").GetAttribute("aria-describedby"));
        Assert.Equal("alert", cut.Find("#spec-problems").GetAttribute("role"));
    }

    [Fact]
    public async Task SaveNew_BadSpec_ShowsLineAnchoredProblemsAndWritesNothing()
    {
        var id = NewId();
        var cut = RenderFrom("taxi-fares");
        await cut.InvokeAsync(() => cut.Find("textarea#spec-yaml").Input(BadSpec));
        await cut.InvokeAsync(() => cut.Find("#scenario-id").Change(id));

        await ClickAsync(cut, "Save as new scenario");

        cut.WaitForAssertion(() => Assert.Contains("nothing was saved", cut.Find("#spec-problems").TextContent, StringComparison.Ordinal));
        Assert.Contains(cut.FindAll("#spec-problems li"), li => Normalize(li.TextContent).StartsWith("Line 4: drift[0].at", StringComparison.Ordinal));
        Assert.Empty(await _cluster.Client.GetGrain<IScenarioGrain>(id).ListAsync());
        Assert.Empty(cut.FindAll(".saved"));
    }

    [Fact]
    public async Task SaveNew_YamlSyntaxError_PointsAtTheLineAndWritesNothing()
    {
        var id = NewId();
        var cut = RenderFrom("taxi-fares");
        await cut.InvokeAsync(() => cut.Find("textarea#spec-yaml").Input("template: taxi-fares\ntitle: broken\ndrift:\n  - at: 6d\n   kind: concept\n"));
        await cut.InvokeAsync(() => cut.Find("#scenario-id").Change(id));

        await ClickAsync(cut, "Save as new scenario");

        cut.WaitForAssertion(() => Assert.StartsWith("Line 5: line 5, column", Normalize(cut.Find("#spec-problems li").TextContent), StringComparison.Ordinal));
        Assert.Equal("5", cut.Find(".gutter-line.has-problem").GetAttribute("data-line"));
        Assert.Empty(await _cluster.Client.GetGrain<IScenarioGrain>(id).ListAsync());
    }

    [Fact]
    public async Task SaveNew_ValidSpec_StoresVersionOneAndLinksToCreateACohort()
    {
        var id = NewId();
        var text = "template: taxi-fares\ntitle: Short taxi audit\nduration: 20d\n";
        var cut = RenderFrom("taxi-fares");
        await cut.InvokeAsync(() => cut.Find("textarea#spec-yaml").Input(text));
        await cut.InvokeAsync(() => cut.Find("#scenario-id").Change(id));

        await ClickAsync(cut, "Save as new scenario");

        cut.WaitForAssertion(() => Assert.Contains($"Saved scenario {id} version 1.", Normalize(cut.Find(".saved").TextContent), StringComparison.Ordinal));
        Assert.Equal($"/cohorts/new?scenario={id}&version=1", cut.FindAll(".saved a").Single(a => a.TextContent == "Create cohort").GetAttribute("href"));
        var stored = Assert.Single(await _cluster.Client.GetGrain<IScenarioGrain>(id).ListAsync());
        Assert.Equal(text, stored.SpecText);
        Assert.Equal("Short taxi audit", stored.Title);
    }

    [Fact]
    public async Task SaveNew_BlankId_StoresUnderAGeneratedId()
    {
        var cut = RenderFrom("energy-demand");

        await ClickAsync(cut, "Save as new scenario");

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll(".saved strong")));
        var id = cut.Find(".saved strong").TextContent;
        Assert.Matches("^s-[0-9a-f]{12}$", id);
        Assert.Single(await _cluster.Client.GetGrain<IScenarioGrain>(id).ListAsync());
    }

    [Theory]
    [InlineData("Bad Id!", "is not a valid scenario id")]
    [InlineData("taxi-fares", "is the id of a built-in template")]
    public async Task SaveNew_UnusableId_SaysWhyAndWritesNothing(string id, string reason)
    {
        var cut = RenderFrom("taxi-fares");
        await cut.InvokeAsync(() => cut.Find("#scenario-id").Change(id));

        await ClickAsync(cut, "Save as new scenario");

        Assert.Contains(reason, cut.Find(".id-problem").TextContent, StringComparison.Ordinal);
        Assert.Equal("alert", cut.Find(".id-problem").GetAttribute("role"));
        Assert.Empty(await _cluster.Client.GetGrain<IScenarioGrain>(id).ListAsync());
    }

    [Fact]
    public async Task SaveNew_IdTaken_SaysSoAndAddsNoVersion()
    {
        var id = NewId();
        await _cluster.Client.GetGrain<IScenarioGrain>(id).AddVersionAsync("template: taxi-fares\ntitle: Existing\n");
        var cut = RenderFrom("card-fraud");
        await cut.InvokeAsync(() => cut.Find("#scenario-id").Change(id));

        await ClickAsync(cut, "Save as new scenario");

        cut.WaitForAssertion(() => Assert.Contains("already exists", cut.Find(".id-problem").TextContent, StringComparison.Ordinal));
        var versions = await _cluster.Client.GetGrain<IScenarioGrain>(id).ListAsync();
        Assert.Equal("Existing", Assert.Single(versions).Title);
    }

    [Fact]
    public async Task SaveVersion_ValidEdit_StoresTheNextVersion()
    {
        var id = NewId();
        await _cluster.Client.GetGrain<IScenarioGrain>(id).AddVersionAsync("template: taxi-fares\ntitle: First\n");
        var cut = Render<ScenarioEditor>(p => p.Add(e => e.Id, id));
        cut.WaitForAssertion(() => Assert.Equal("template: taxi-fares\ntitle: First\n", cut.Find("textarea#spec-yaml").GetAttribute("value")));
        await cut.InvokeAsync(() => cut.Find("textarea#spec-yaml").Input("template: taxi-fares\ntitle: Second\n"));

        await ClickAsync(cut, "Save as version 2");

        cut.WaitForAssertion(() => Assert.Contains($"Saved scenario {id} version 2.", Normalize(cut.Find(".saved").TextContent), StringComparison.Ordinal));
        var versions = await _cluster.Client.GetGrain<IScenarioGrain>(id).ListAsync();
        Assert.Equal(["First", "Second"], versions.Select(v => v.Title));
        Assert.NotNull(Button(cut, "Save as version 3"));
    }

    [Fact]
    public async Task SaveVersion_BadEdit_AddsNoVersion()
    {
        var id = NewId();
        await _cluster.Client.GetGrain<IScenarioGrain>(id).AddVersionAsync("template: taxi-fares\ntitle: First\n");
        var cut = Render<ScenarioEditor>(p => p.Add(e => e.Id, id));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("textarea#spec-yaml")));
        await cut.InvokeAsync(() => cut.Find("textarea#spec-yaml").Input("template: taxi-fares\ntitle: First\nseed: -4\n"));

        await ClickAsync(cut, "Save as version 2");

        cut.WaitForAssertion(() => Assert.StartsWith("Line 3: seed — ", Normalize(cut.Find("#spec-problems li").TextContent), StringComparison.Ordinal));
        Assert.Single(await _cluster.Client.GetGrain<IScenarioGrain>(id).ListAsync());
    }

    [Fact]
    public async Task VersionPicker_OlderVersion_IsReadOnlyWithoutSave()
    {
        var id = NewId();
        var grain = _cluster.Client.GetGrain<IScenarioGrain>(id);
        await grain.AddVersionAsync("template: taxi-fares\ntitle: First\n");
        await grain.AddVersionAsync("template: taxi-fares\ntitle: Second\n");
        var cut = Render<ScenarioEditor>(p => p.Add(e => e.Id, id));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("select#spec-version")));

        await cut.InvokeAsync(() => cut.Find("select#spec-version").Change("1"));

        cut.WaitForAssertion(() => Assert.Equal("template: taxi-fares\ntitle: First\n", cut.Find("textarea#spec-yaml").GetAttribute("value")));
        Assert.True(cut.Find("textarea#spec-yaml").HasAttribute("readonly"));
        Assert.DoesNotContain(cut.FindAll("button"), b => b.TextContent.Contains("Save", StringComparison.Ordinal));
        Assert.Contains("read-only", cut.Find(".read-only-note").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Editor_UnknownScenario_SaysItDoesNotExist()
    {
        var cut = Render<ScenarioEditor>(p => p.Add(e => e.Id, NewId()));

        cut.WaitForAssertion(() => Assert.Contains("There is no scenario", cut.Find("[role=alert]").TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("textarea"));
    }

    [Fact]
    public async Task Preview_ValidSpec_DrawsChartsAndListsTheEvents()
    {
        var cut = RenderFrom("taxi-fares");
        Assert.Equal("Feature", cut.Find("label[for=preview-feature]").TextContent);
        await cut.InvokeAsync(() => cut.Find("select#preview-feature").Change("duration_min"));

        await ClickAsync(cut, "Preview");

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll(".preview-events li")), TimeSpan.FromSeconds(20));
        Assert.Contains(cut.FindAll(".preview-events li"), li => li.TextContent.StartsWith("Day 14: abrupt concept drift", StringComparison.Ordinal));
        Assert.Equal("duration_min over time", cut.Find("#preview-feature-title").TextContent);
        var figures = cut.FindAll("figure");
        Assert.Equal(2, figures.Count);
        Assert.All(figures, f => Assert.NotNull(f.QuerySelector("svg")));
    }

    [Fact]
    public async Task Preview_BadSpec_ShowsProblemsAndNoChart()
    {
        var cut = RenderFrom("taxi-fares");
        await cut.InvokeAsync(() => cut.Find("textarea#spec-yaml").Input(BadSpec));

        await ClickAsync(cut, "Preview");

        Assert.NotEmpty(cut.FindAll("#spec-problems li"));
        Assert.Contains("Fix the problems", cut.Find("#preview-heading ~ p[role=alert]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("figure"));
    }

    private IRenderedComponent<ScenarioEditor> RenderFrom(string from)
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo(navigation.GetUriWithQueryParameter("from", from));
        return Render<ScenarioEditor>();
    }

    /// <summary>Finds the button and clicks it on the renderer's dispatcher, so no render can replace its handler in between.</summary>
    private static Task ClickAsync(IRenderedComponent<ScenarioEditor> cut, string text) =>
        cut.InvokeAsync(() => Button(cut, text).Click());

    private static IElement Button(IRenderedComponent<ScenarioEditor> cut, string text) =>
        cut.FindAll("button").Single(b => Normalize(b.TextContent) == text);

    private static string Normalize(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string NewId() => "t-" + Guid.NewGuid().ToString("N")[..12];
}
