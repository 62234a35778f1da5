using System.Globalization;
using System.Net;
using Microsoft.Playwright;
using PPipe.Browser.Tests.Infrastructure;
using PPipe.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace PPipe.Browser.Tests.Datasets;

/// <summary>
/// An instructor turns a recorded time series into a forecasting scenario in a real browser: uploads the weekly CO2
/// record, names its target and time column, starts a forecast from the version (the editor fills in a spec sized to the
/// record's weeks), validates, previews and saves it, and opens a cohort; a student of that cohort fetches the recorded weeks.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DatasetForecastJourneyTests(BrowserPlatform platform) : BrowserTest(platform)
{
    [Fact]
    public async Task Instructor_ForecastOverTheirTimeSeries_StartedFromTheVersion_SavedAndRunAsACohort()
    {
        var datasetId = "co2-" + Guid.NewGuid().ToString("N")[..8];
        await SignInAsInstructorAsync();
        await DatasetSteps.UploadAsync(Page, datasetId, "co2_weekly.csv", PublicDatasets.Co2Weekly());
        await Page.GetByLabel("Target").SelectOptionAsync("co2");
        await Page.GetByLabel("Time column (optional)").SelectOptionAsync("week");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Confirm roles" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Confirmed: target co2, time week");

        await Page.GetByRole(AriaRole.Link, new() { Name = "Start a forecast over this version" }).ClickAsync();
        var yaml = Page.GetByLabel("Scenario YAML");
        await Expect(yaml).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("task: forecast"));
        Assert.Contains("step: 2h", await yaml.InputValueAsync(), StringComparison.Ordinal);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Validate" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "The spec is valid" })).ToContainTextAsync("forecast on co2");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Region, new() { Name = "Scenario preview" })).ToContainTextAsync("co2");
        await AssertAccessibleAsync("dataset-forecast-editor");

        var scenarioId = "co2-course-" + Guid.NewGuid().ToString("N")[..6];
        var cohortId = await DatasetSteps.SaveAndOpenCohortAsync(Page, scenarioId, "CO2 " + scenarioId);

        var token = (await Platform.Api.EnrollAsync(cohortId, "ada"))["ada"];
        using var ada = Platform.Api.Student(token);
        var release = await ada.GetAsync("/api/v1/releases/1.csv", Ct);
        var rows = (await release.Content.ReadAsStringAsync(Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(HttpStatusCode.OK, release.StatusCode);
        Assert.Equal("id,week,co2", rows[0]);
        Assert.Equal(new DateTimeOffset(1985, 8, 10, 0, 0, 0, TimeSpan.Zero), DateTimeOffset.Parse(rows[1].Split(',')[1], CultureInfo.InvariantCulture));
    }
}
