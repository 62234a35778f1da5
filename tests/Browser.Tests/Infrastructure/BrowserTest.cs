using Microsoft.Playwright;

namespace PPipe.Browser.Tests.Infrastructure;

/// <summary>
/// Base of a browser test class. xUnit makes one instance per test, so each test gets a fresh browser
/// context (no cookies from other tests) and one <see cref="Page"/> whose relative addresses go to the
/// front end: <c>await Page.GotoAsync("/cohorts")</c>.
/// </summary>
/// <remarks>
/// Find things by role and name, as a user would (<c>Page.GetByRole(AriaRole.Button, new() { Name = "Create cohort" })</c>,
/// <c>Page.GetByLabel("Roster CSV")</c>), and assert with <c>Expect(...)</c>, which retries until
/// <see cref="ExpectTimeout"/>. <see cref="SignInAsInstructorAsync"/> and <see cref="SignInAsStudentAsync"/> go
/// through the real sign-in page; <see cref="ScreenshotAsync"/> saves a PNG under <see cref="Screenshots.Folder"/>.
/// A failed test leaves a screenshot named <c>failed-{Class}.{Test}</c> of where the page was.
/// Interactive pages are prerendered: their HTML shows before the circuit connects, and a click that early
/// does nothing, so before clicking wait for something only the live component renders (data it loads, say).
/// </remarks>
public abstract class BrowserTest(BrowserPlatform platform) : IAsyncLifetime
{
    /// <summary>How long an <c>Expect</c> assertion waits; Blazor pages on a busy two-core machine can be slow.</summary>
    public static readonly TimeSpan ExpectTimeout = TimeSpan.FromSeconds(15);

    private static readonly TimeSpan ActionTimeout = TimeSpan.FromSeconds(30);

    private IBrowserContext? _context;

    protected BrowserPlatform Platform { get; } = platform;

    protected IBrowserContext Context => _context ?? throw new InvalidOperationException("The browser context is not open.");

    protected IPage Page { get; private set; } = null!;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public virtual async ValueTask InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout((float)ExpectTimeout.TotalMilliseconds);
        _context = await Platform.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Platform.BaseAddress.ToString().TrimEnd('/'),
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            Locale = "en-US",
            TimezoneId = "UTC",
        });
        _context.SetDefaultTimeout((float)ActionTimeout.TotalMilliseconds);
        Page = await _context.NewPageAsync();
    }

    public virtual async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        if (_context is null)
        {
            return;
        }

        if (TestContext.Current.TestState?.Result == TestResult.Failed && TestContext.Current.Test is { } test)
        {
            try
            {
                await ScreenshotAsync($"failed-{test.TestCase.TestClassName}.{test.TestCase.TestMethodName}");
            }
            catch (PlaywrightException)
            {
                // The page may be gone (the browser crashed); the test's own failure says more.
            }
        }

        await _context.DisposeAsync();
    }

    /// <summary>Signs in on <c>/signin</c> as an instructor (the configured admin by default) and waits to leave the page.</summary>
    protected async Task SignInAsInstructorAsync(string? userName = null, string? password = null)
    {
        await Page.GotoAsync("/signin");
        await Page.GetByLabel("User name").FillAsync(userName ?? BrowserPlatform.AdminUserName);
        await Page.GetByLabel("Password").FillAsync(password ?? Platform.AdminPassword);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in as instructor" }).ClickAsync();
        await LeftSignInAsync();
    }

    /// <summary>Signs in on <c>/signin</c> as the student owning <paramref name="token"/> and waits to leave the page.</summary>
    protected async Task SignInAsStudentAsync(string token)
    {
        await Page.GotoAsync("/signin");
        await Page.GetByLabel("Your token").FillAsync(token);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in as student" }).ClickAsync();
        await LeftSignInAsync();
    }

    /// <summary>
    /// A cohort of the <c>taxi-fares</c> template started now at a day per minute, created over the admin API,
    /// with the given students enrolled; returns its id and each student's token by student id.
    /// </summary>
    protected async Task<(string CohortId, Dictionary<string, string> Tokens)> CohortWithStudentsAsync(params string[] studentIds)
    {
        var cohortId = await Platform.Api.CreateCohortAsync("taxi-fares", DateTimeOffset.UtcNow, speed: 1440);
        return (cohortId, await Platform.Api.EnrollAsync(cohortId, studentIds));
    }

    /// <summary>Saves a full-page PNG of the current page as <c>{name}.png</c> and returns its path.</summary>
    protected async Task<string> ScreenshotAsync(string name)
    {
        var path = Screenshots.PathOf(name);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    /// <summary>The UI's sign-in cookie in this test's browser, if any.</summary>
    protected async Task<BrowserContextCookiesResult?> SignInCookieAsync() =>
        (await Context.CookiesAsync()).FirstOrDefault(c => c.Name == "ppipe.ui");

    private async Task LeftSignInAsync()
    {
        // Both forms post back to /signin: success redirects away, a refusal renders the form again with a message.
        var refused = Page.Locator("p[role=alert], .validation-message");
        var elsewhere = Page.Locator("body:not(:has(#username))");
        await Assertions.Expect(refused.Or(elsewhere).First).ToBeVisibleAsync();
        if (await refused.CountAsync() > 0)
        {
            Assert.Fail($"Sign-in was refused: {string.Join(" ", await refused.AllInnerTextsAsync())}");
        }
    }
}
