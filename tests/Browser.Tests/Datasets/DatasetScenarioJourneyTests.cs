using System.Net;
using Microsoft.Playwright;
using PPipe.Browser.Tests.Infrastructure;
using PPipe.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace PPipe.Browser.Tests.Datasets;

/// <summary>
/// An instructor builds a scenario over their own data in a real browser: uploads Iris and names its target, starts a
/// scenario from the version, adds label drift, validates and previews it, saves it (the reference models are fitted then),
/// and opens a cohort of it; a student of that cohort fetches the recorded rows.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DatasetScenarioJourneyTests(BrowserPlatform platform) : BrowserTest(platform)
{
    [Fact]
    public async Task Instructor_ScenarioOverTheirDataset_ValidatedPreviewedSavedAndRunAsACohort()
    {
        var datasetId = "iris-" + Guid.NewGuid().ToString("N")[..8];
        await SignInAsInstructorAsync();
        await DatasetSteps.UploadAsync(Page, datasetId);
        await Page.GetByLabel("Target").SelectOptionAsync("species");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Confirm roles" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Confirmed: target species");

        await Page.GetByRole(AriaRole.Link, new() { Name = "Start a scenario over this version" }).ClickAsync();
        var yaml = Page.GetByLabel("Scenario YAML");
        await Expect(yaml).ToHaveValueAsync(new System.Text.RegularExpressions.Regex($"id: {datasetId}"));
        var spec = await yaml.InputValueAsync();
        await yaml.FillAsync(spec.Replace("grading:", "drift:\n  - {at: 14d, kind: label, classes: {\"2\": 4}}\ngrading:", StringComparison.Ordinal));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Validate" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "The spec is valid" })).ToContainTextAsync("multiclass on species");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        var preview = Page.GetByRole(AriaRole.Region, new() { Name = "Scenario preview" });
        await Expect(preview).ToContainTextAsync("label shift");
        await AssertAccessibleAsync("dataset-scenario-editor");

        var scenarioId = "iris-course-" + Guid.NewGuid().ToString("N")[..6];
        var cohortId = await DatasetSteps.SaveAndOpenCohortAsync(Page, scenarioId, "Iris " + scenarioId);

        var token = (await Platform.Api.EnrollAsync(cohortId, "ada"))["ada"];
        using var ada = Platform.Api.Student(token);
        var release = await ada.GetAsync("/api/v1/releases/1.csv", Ct);
        var rows = (await release.Content.ReadAsStringAsync(Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(HttpStatusCode.OK, release.StatusCode);
        Assert.Equal("id,timestamp,sepal_length,sepal_width,petal_length,petal_width,species", rows[0]);
        var iris = PublicDatasets.Iris().Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Trim()).ToHashSet();
        Assert.All(rows.Skip(1), row => Assert.Contains(string.Join(",", row.Split(',')[2..]), iris));
    }
}
