using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PPipe.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PPipe.Browser.Tests.Student;

/// <summary>
/// The student's page in a real browser: the briefing rendered from Markdown, examples in tabs a keyboard can
/// work, a Copy button that really fills the clipboard (without the token), times in the browser's own zone,
/// and a layout that fits a 375-pixel phone without scrolling sideways.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class StudentPageTests(BrowserPlatform platform) : BrowserTest(platform)
{
    private ILocator Examples => Page.GetByRole(AriaRole.Tablist, new() { Name = "Examples" });

    [Fact]
    public async Task StudentPage_Phone_FitsTheWidthAndPassesTheAccessibilityCheck()
    {
        // Energy demand: releases through the API, the bucket and webhooks, so all three example tabs show.
        var cohortId = await Platform.Api.CreateCohortAsync("energy-demand", DateTimeOffset.UtcNow, speed: 1440);
        var tokens = await Platform.Api.EnrollAsync(cohortId, ["ada"]);
        await OpenPhoneContextAsync();

        await SignInAsStudentAsync(tokens["ada"]);
        await Page.GotoAsync("/student");
        await Expect(Page.GetByText("(ada) in cohort")).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Table, new() { Name = "Releases" }).GetByRole(AriaRole.Row).Nth(1)).ToBeVisibleAsync();

        await AssertNoHorizontalOverflowAsync("student-page-phone");
        await ScreenshotAsync("student-page-phone");
        await AssertAccessibleAsync("student-page-phone");
        foreach (var tab in (string[])["Python", "AWS CLI"])
        {
            await Examples.GetByRole(AriaRole.Tab, new() { Name = tab }).ClickAsync();
            await Expect(Page.GetByRole(AriaRole.Tabpanel, new() { Name = tab })).ToBeVisibleAsync();
            await AssertNoHorizontalOverflowAsync($"student-page-phone ({tab})");
        }
    }

    [Fact]
    public async Task SignInPage_Phone_FitsTheWidthAndPassesTheAccessibilityCheck()
    {
        await OpenPhoneContextAsync();

        await Page.GotoAsync("/signin");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Level = 1 })).ToBeVisibleAsync();

        await AssertNoHorizontalOverflowAsync("signin-phone");
        await ScreenshotAsync("signin-phone");
        await AssertAccessibleAsync("signin-phone");
    }

    [Fact]
    public async Task Briefing_TemplateMarkdown_ShowsHeadingsAndListsNotMarkdownSyntax()
    {
        var (_, tokens) = await CohortWithStudentsAsync("ada");

        await SignInAsStudentAsync(tokens["ada"]);
        await Page.GotoAsync("/student");

        var briefing = Page.GetByRole(AriaRole.Region, new() { Name = "Briefing" });
        await Expect(briefing.GetByRole(AriaRole.Heading, new() { Level = 3 }).First).ToContainTextAsync("PRICING-412");
        await Expect(briefing.Locator(".briefing-text strong").First).ToBeVisibleAsync();
        await Expect(briefing.Locator(".briefing-text")).Not.ToContainTextAsync("**");
        await Expect(briefing.Locator(".briefing-text")).Not.ToContainTextAsync("## ");
    }

    [Fact]
    public async Task Examples_ArrowKeysMoveBetweenTabs_AndCopyFillsTheClipboardWithoutTheToken()
    {
        var (_, tokens) = await CohortWithStudentsAsync("ada");
        await Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        await SignInAsStudentAsync(tokens["ada"]);
        await Page.GotoAsync("/student");
        var curlTab = Examples.GetByRole(AriaRole.Tab, new() { Name = "curl" });
        await Expect(curlTab).ToHaveAttributeAsync("aria-selected", "true");

        await curlTab.FocusAsync();
        await Page.Keyboard.PressAsync("ArrowRight");

        var pythonTab = Examples.GetByRole(AriaRole.Tab, new() { Name = "Python" });
        await Expect(pythonTab).ToBeFocusedAsync();
        await Expect(pythonTab).ToHaveAttributeAsync("aria-selected", "true");
        var python = Page.GetByRole(AriaRole.Tabpanel, new() { Name = "Python" });
        await Expect(python).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Tabpanel, new() { Name = "curl" })).ToBeHiddenAsync();

        await Page.Keyboard.PressAsync("Tab");
        var copy = python.GetByRole(AriaRole.Button, new() { Name = "Copy Python examples" });
        await Expect(copy).ToBeFocusedAsync();
        await Page.Keyboard.PressAsync("Enter");

        await Expect(python.GetByRole(AriaRole.Status)).ToHaveTextAsync("Copied");
        var clipboard = await Page.EvaluateAsync<string>("() => navigator.clipboard.readText()");
        Assert.Equal(await python.Locator("pre").InnerTextAsync(), clipboard);
        Assert.Contains("os.environ[\"PPIPE_TOKEN\"]", clipboard);
        Assert.DoesNotContain(tokens["ada"], clipboard);
        Assert.DoesNotContain(tokens["ada"], await Page.ContentAsync());
    }

    [Fact]
    public async Task Timeline_BrowserInNewYork_ShowsTimesThereBesideUtc()
    {
        var (_, tokens) = await CohortWithStudentsAsync("ada");
        await OpenContextAsync(o => o.TimezoneId = "America/New_York");

        await SignInAsStudentAsync(tokens["ada"]);
        await Page.GotoAsync("/student");

        await Expect(Page.GetByText("Times are in your time zone, America/New_York, and in UTC.")).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Timer, new() { Name = "Next release countdown" }))
            .ToHaveTextAsync(new Regex(@"^Release \d+ in \d\d:\d\d:\d\d \(at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d America/New_York · (\d{4}-\d\d-\d\d )?\d\d:\d\d:\d\d UTC\)$"));
    }
}
