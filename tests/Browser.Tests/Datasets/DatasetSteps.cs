using System.Globalization;
using System.Text;
using Microsoft.Playwright;
using PPipe.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace PPipe.Browser.Tests.Datasets;

/// <summary>
/// Steps of an instructor's dataset journeys: the Datasets page's upload (an id, a file — Iris unless another is given — and
/// its version's page opened), and saving the editor's scenario and opening a cohort of it.
/// </summary>
internal static class DatasetSteps
{
    /// <summary>Uploads Iris as dataset <paramref name="id"/> and waits for its version 1 page.</summary>
    public static Task UploadAsync(IPage page, string id) => UploadAsync(page, id, "iris.csv", PublicDatasets.Iris());

    /// <summary>Uploads <paramref name="csv"/> as file <paramref name="name"/> of dataset <paramref name="id"/> and waits for its version 1 page.</summary>
    public static async Task UploadAsync(IPage page, string id, string name, string csv)
    {
        await page.GotoAsync("/datasets");
        await page.GetByLabel("Dataset id").FillAsync(id);
        await page.GetByLabel("CSV or Parquet file").SetInputFilesAsync(new FilePayload
        {
            Name = name,
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes(csv),
        });
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/datasets/{id}/versions/1$"));
    }

    /// <summary>
    /// Saves the editor's spec as scenario <paramref name="scenarioId"/> (the reference models are fitted then, so it may take
    /// a while) and creates a cohort of it from the saved notice, started two minutes ago at a scenario day a minute.
    /// Returns the cohort's id.
    /// </summary>
    public static async Task<string> SaveAndOpenCohortAsync(IPage page, string scenarioId, string cohortName)
    {
        await page.GetByLabel("Scenario id").FillAsync(scenarioId);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save as new scenario" }).ClickAsync();
        var saved = page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Saved scenario" });
        await Expect(saved).ToContainTextAsync($"Saved scenario {scenarioId} version 1", new() { Timeout = 60_000 });

        await saved.GetByRole(AriaRole.Link, new() { Name = "Create cohort" }).ClickAsync();
        await page.GetByLabel("Name").FillAsync(cohortName);
        await page.GetByLabel("Starts at (UTC)").FillAsync(DateTime.UtcNow.AddMinutes(-2).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
        await page.GetByLabel("Speed").FillAsync("1440");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create cohort" }).ClickAsync();
        var monitorLink = page.GetByRole(AriaRole.Link, new() { Name = "Open the cohort monitor" });
        await Expect(monitorLink).ToBeVisibleAsync();
        return (await monitorLink.GetAttributeAsync("href"))!.Split('/')[^1];
    }
}
