using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PPipe.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PPipe.Browser.Tests.Account;

/// <summary>Signing in and out in a real browser, and who may open which pages.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SignInTests(BrowserPlatform platform) : BrowserTest(platform)
{
    private ILocator SignedInAs => Page.GetByLabel("Signed in as");

    private ILocator SignOutButton => Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" });

    [Fact]
    public async Task SignInPage_Opened_OffersInstructorAndStudentForms()
    {
        await Page.GotoAsync("/signin");

        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Level = 1 })).ToBeVisibleAsync();
        await Expect(Page.GetByLabel("User name")).ToBeEditableAsync();
        await Expect(Page.GetByLabel("Password")).ToHaveAttributeAsync("type", "password");
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Sign in as instructor" })).ToBeEnabledAsync();
        await Expect(Page.GetByLabel("Your token")).ToBeEditableAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Sign in as student" })).ToBeEnabledAsync();
        await ScreenshotAsync("signin");
        await AssertAccessibleAsync("signin");
    }

    [Fact]
    public async Task HomePage_Opened_ItsStylesheetsAndBlazorScriptArrive()
    {
        var empty = new List<string>();
        Page.Response += (_, response) =>
        {
            if (response.Request.ResourceType is "stylesheet" or "script" && (response.Status != 200 || response.Headers.GetValueOrDefault("content-length") == "0"))
            {
                empty.Add($"{response.Url} ({response.Status})");
            }
        };

        await Page.GotoAsync("/", new() { WaitUntil = WaitUntilState.Load });

        Assert.Empty(empty);
        Assert.True(await Page.EvaluateAsync<bool>("() => typeof window.Blazor === 'object'"), "blazor.web.js did not run.");
        Assert.True(await Page.EvaluateAsync<bool>(
            "() => [...document.styleSheets].some(s => s.href && s.href.includes('MudBlazor') && s.cssRules.length > 100)"),
            "MudBlazor's stylesheet did not load.");
    }

    [Fact]
    public async Task InstructorSignIn_RightPassword_LandsOnCohortsSignedInAsAdmin()
    {
        await SignInAsInstructorAsync();

        await Expect(Page).ToHaveURLAsync(new Regex("/cohorts$"));
        Assert.NotNull(await SignInCookieAsync());
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Cohorts", Level = 1 })).ToBeVisibleAsync();
        await AssertAccessibleAsync("cohort-list");
        await Page.GotoAsync("/");
        await Expect(SignedInAs).ToHaveTextAsync(BrowserPlatform.AdminUserName);
        await Expect(SignOutButton).ToBeVisibleAsync();
        var nav = Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Cohorts" })).ToBeVisibleAsync();
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Accounts" })).ToBeVisibleAsync();
        await ScreenshotAsync("home-instructor");
        await AssertAccessibleAsync("home-instructor");
    }

    [Fact]
    public async Task InstructorSignIn_WrongPassword_SaysSoAndSetsNoCookie()
    {
        await Page.GotoAsync("/signin");
        await Page.GetByLabel("User name").FillAsync(BrowserPlatform.AdminUserName);
        await Page.GetByLabel("Password").FillAsync(Platform.AdminPassword + "x");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in as instructor" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The user name or password is wrong.");
        await Expect(Page).ToHaveURLAsync(new Regex("/signin$"));
        await AssertSignedOutAsync();
    }

    [Fact]
    public async Task InstructorSignIn_WithReturnUrl_GoesBackThereButNeverOffSite()
    {
        await Page.GotoAsync("/signin?returnUrl=%2F");
        await Page.GetByLabel("User name").FillAsync(BrowserPlatform.AdminUserName);
        await Page.GetByLabel("Password").FillAsync(Platform.AdminPassword);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in as instructor" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(Platform.BaseAddress.ToString());
        await Expect(SignedInAs).ToHaveTextAsync(BrowserPlatform.AdminUserName);

        await Page.GotoAsync("/signin?returnUrl=%2F%2Fexample.org%2F");
        await Page.GetByLabel("User name").FillAsync(BrowserPlatform.AdminUserName);
        await Page.GetByLabel("Password").FillAsync(Platform.AdminPassword);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in as instructor" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("^" + Regex.Escape(Platform.BaseAddress.ToString()) + "cohorts$"));
    }

    [Fact]
    public async Task StudentSignIn_ValidToken_LandsOnStudentPageWithoutInstructorLinks()
    {
        var (_, tokens) = await CohortWithStudentsAsync("ada");

        await SignInAsStudentAsync(tokens["ada"]);

        await Expect(Page).ToHaveURLAsync(new Regex("/student$"));
        Assert.NotNull(await SignInCookieAsync());
        await Page.GotoAsync("/");
        await Expect(SignedInAs).ToHaveTextAsync("ada");
        var nav = Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "My course" })).ToBeVisibleAsync();
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Cohorts" })).ToHaveCountAsync(0);
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Accounts" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task StudentSignIn_UnknownToken_SaysSoAndSetsNoCookie()
    {
        var (_, tokens) = await CohortWithStudentsAsync("ada");
        var token = tokens["ada"];
        var wrong = token[..^1] + (token[^1] == 'A' ? 'B' : 'A');

        await Page.GotoAsync("/signin");
        await Page.GetByLabel("Your token").FillAsync(wrong);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in as student" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("This token is unknown or no longer valid.");
        Assert.Null(await SignInCookieAsync());
    }

    [Theory]
    [InlineData("/cohorts/{cohort}")]
    [InlineData("/cohorts/{cohort}/students/{other}")]
    [InlineData("/cohorts")]
    [InlineData("/cohorts/new")]
    [InlineData("/scenarios")]
    [InlineData("/accounts")]
    public async Task Student_OpensInstructorPage_IsNotAllowed(string template)
    {
        var (cohortId, tokens) = await CohortWithStudentsAsync("ada", "grace");
        var path = template.Replace("{cohort}", cohortId).Replace("{other}", "grace");
        await SignInAsStudentAsync(tokens["ada"]);

        await Page.GotoAsync(path);

        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Not allowed", Level = 1 })).ToBeVisibleAsync();
        await Expect(Page.GetByText("grace")).ToHaveCountAsync(0);
        if (template == "/cohorts/{cohort}/students/{other}")
        {
            await ScreenshotAsync("denied-student");
            await AssertAccessibleAsync("denied-student");
        }
    }

    [Theory]
    [InlineData("/cohorts")]
    [InlineData("/student")]
    public async Task Anonymous_OpensSignedInPage_IsSentToSignInAndBackAfterwards(string path)
    {
        await Page.GotoAsync(path);

        await Expect(Page).ToHaveURLAsync(new Regex("/signin\\?returnUrl=" + Regex.Escape(Uri.EscapeDataString(path)) + "$"));
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Level = 1 })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task SignOut_FromAppBar_ReturnsToSignInAndEndsTheSession()
    {
        await SignInAsInstructorAsync();
        await Page.GotoAsync("/");

        await SignOutButton.ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex("/signin$"));
        await AssertSignedOutAsync();
    }

    [Fact]
    public async Task SignOut_ThenCohorts_AsksToSignInAgain()
    {
        await SignInAsInstructorAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();

        await SignOutButton.ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/signin$"));
        await Page.GotoAsync("/cohorts");

        await Expect(Page).ToHaveURLAsync(new Regex("/signin\\?returnUrl=%2Fcohorts$"));
    }

    /// <summary>No sign-in cookie, and the app bar offers to sign in instead of signing out.</summary>
    private async Task AssertSignedOutAsync()
    {
        Assert.Null(await SignInCookieAsync());
        await Page.GotoAsync("/");
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await Expect(SignOutButton).ToHaveCountAsync(0);
    }
}
