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

    /// <summary>The width of the phone the layout is checked on (CSS pixels).</summary>
    public const int PhoneWidth = 375;

    public virtual async ValueTask InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout((float)ExpectTimeout.TotalMilliseconds);
        await OpenContextAsync(_ => { });
    }

    /// <summary>
    /// Replaces this test's browser context (and so its cookies) by one whose options <paramref name="change"/>
    /// alters from the defaults (1280×800, en-US, UTC): a phone's viewport, another time zone.
    /// </summary>
    protected async Task OpenContextAsync(Action<BrowserNewContextOptions> change)
    {
        if (_context is not null)
        {
            await _context.DisposeAsync();
        }

        var options = new BrowserNewContextOptions
        {
            BaseURL = Platform.BaseAddress.ToString().TrimEnd('/'),
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            Locale = "en-US",
            TimezoneId = "UTC",
        };
        change(options);
        _context = await Platform.Browser.NewContextAsync(options);
        _context.SetDefaultTimeout((float)ActionTimeout.TotalMilliseconds);
        Page = await _context.NewPageAsync();
    }

    /// <summary>A phone's viewport: <see cref="PhoneWidth"/> wide, touch, a device pixel ratio of 2.</summary>
    protected Task OpenPhoneContextAsync() => OpenContextAsync(o =>
    {
        o.ViewportSize = new ViewportSize { Width = PhoneWidth, Height = 812 };
        o.DeviceScaleFactor = 2;
        o.IsMobile = true;
        o.HasTouch = true;
    });

    /// <summary>Fails listing every serious or critical axe violation on the page as it is now (see <see cref="Accessibility"/>).</summary>
    protected Task AssertAccessibleAsync(string name) => Accessibility.AssertNoSeriousViolationsAsync(Page, name);

    /// <summary>
    /// Fails when the page is wider than its viewport (it would scroll sideways), naming the outermost elements
    /// that reach past the right edge. Content that scrolls inside its own box does not count.
    /// </summary>
    protected async Task AssertNoHorizontalOverflowAsync(string name)
    {
        var overflow = await Page.EvaluateAsync<int>(
            "() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - document.documentElement.clientWidth");
        if (overflow <= 0)
        {
            return;
        }

        var culprits = await Page.EvaluateAsync<string[]>("""
            () => {
                const width = document.documentElement.clientWidth;
                const sticksOut = e => getComputedStyle(e).position !== 'fixed' && e.getBoundingClientRect().right > width + 0.5;
                return [...document.body.querySelectorAll('*')]
                    .filter(e => sticksOut(e) && !(e.parentElement && e.parentElement !== document.body && sticksOut(e.parentElement)))
                    .slice(0, 10)
                    .map(e => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : ''} (right edge ${Math.round(e.getBoundingClientRect().right)})`);
            }
            """);
        Assert.Fail($"{name} is {overflow} px wider than its {await Page.EvaluateAsync<int>("() => document.documentElement.clientWidth")} px viewport; sticking out: {string.Join("; ", culprits)}");
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
