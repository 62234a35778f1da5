using Microsoft.Playwright;
using PPipe.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PPipe.Browser.Tests.Datasets;

/// <summary>
/// An instructor uploads a dataset in a real browser (the file streamed from the page to the server), reads its inferred
/// schema, is told why a time column does not fit, and confirms the target.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DatasetJourneyTests(BrowserPlatform platform) : BrowserTest(platform)
{
    [Fact]
    public async Task Instructor_UploadsIrisAndNamesTheTarget_SchemaShownAndRolesConfirmed()
    {
        var id = "iris-" + Guid.NewGuid().ToString("N")[..8];
        await SignInAsInstructorAsync();

        await DatasetSteps.UploadAsync(Page, id);
        var species = Page.Locator("table[aria-label='Inferred schema'] tbody tr", new() { HasText = "species" });
        await Expect(species).ToContainTextAsync("integer");
        await AssertAccessibleAsync("dataset-version");

        await Page.GetByLabel("Target").SelectOptionAsync("species");
        await Page.GetByLabel("Time column (optional)").SelectOptionAsync("sepal_length");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Confirm roles" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("'sepal_length' does not parse as times");
        await Page.GetByLabel("Time column (optional)").SelectOptionAsync("");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Confirm roles" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Confirmed: target species");
        await Page.GotoAsync("/datasets");
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = id })).ToBeVisibleAsync();
        await AssertAccessibleAsync("datasets");
    }
}
