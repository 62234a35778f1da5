using Xunit.Sdk;

namespace PPipe.Browser.Tests.Infrastructure;

/// <summary>The accessibility check itself: it fails on what it must, says where, and lets lesser findings through.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityCheckTests(BrowserPlatform platform) : BrowserTest(platform)
{
    private const string Pixel = "data:image/gif;base64,R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==";

    [Fact]
    public async Task Check_PageWithSeriousAndCriticalViolations_FailsListingRuleImpactTargetAndHelp()
    {
        await Page.SetContentAsync($"""
            <html lang="en"><head><title>Bad page</title></head>
            <body><main>
              <h1>Bad page</h1>
              <p id="faint" style="color:#c8c8c8;background:#ffffff">faint text</p>
              <input id="nameless" type="text">
              <img id="wordless" src="{Pixel}">
            </main></body></html>
            """);

        var failure = await Assert.ThrowsAnyAsync<XunitException>(() => Accessibility.AssertNoSeriousViolationsAsync(Page, "bad-page"));

        Assert.Contains("Accessibility violations on bad-page", failure.Message);
        Assert.Contains("- color-contrast (serious): Elements must meet minimum color contrast ratio thresholds", failure.Message);
        Assert.Contains("- label (critical):", failure.Message);
        Assert.Contains("- image-alt (critical):", failure.Message);
        Assert.Contains("at #faint:", failure.Message);
        Assert.Contains("at #nameless:", failure.Message);
        Assert.Contains("at #wordless:", failure.Message);
        Assert.Contains("<https://dequeuniversity.com/rules/axe/", failure.Message);
    }

    [Fact]
    public async Task Check_PageWithOnlyModerateFindings_Passes()
    {
        // A skipped heading level is a moderate finding: reported by axe, not a failure here.
        await Page.SetContentAsync("""
            <html lang="en"><head><title>Plain page</title></head>
            <body><main><h1>Plain page</h1><h4>Skipped a level</h4><p>Readable text.</p></main></body></html>
            """);

        await Accessibility.AssertNoSeriousViolationsAsync(Page, "plain-page");
    }
}
