using System.Security.Cryptography;
using Microsoft.Playwright;
using PPipe.Integration.Tests.Enrollments;
using PPipe.Integration.Tests.Infrastructure;
using PPipe.TestSupport;

// One front end and one browser for the whole project: no test runs beside another.
[assembly: Xunit.v3.Parallelization(Mode = Xunit.Sdk.ParallelMode.None)]

namespace PPipe.Browser.Tests.Infrastructure;

/// <summary>
/// What every browser test shares, once per run: the real front end started as a process in embedded mode
/// on a free loopback port (no demo cohort, a random admin API key and admin password, its mail sent to the test SMTP
/// server when <c>scripts/smtp.sh</c> runs one), and one headless
/// Chromium — Debian's <c>/usr/bin/chromium</c>, or the path in <c>PPIPE_CHROMIUM</c> — driven by Playwright.
/// Playwright downloads nothing: its driver ships in the NuGet package and the browser is the system's.
/// </summary>
/// <remarks>
/// Write a test class as <c>[Collection(BrowserCollection.Name)] public sealed class XTests(BrowserPlatform platform) : BrowserTest(platform)</c>;
/// see <see cref="BrowserTest"/> for the helpers. <see cref="Api"/> creates cohorts and enrolls students over
/// the admin API, which is quicker than clicking through the pages when a test is about something else.
/// </remarks>
public sealed class BrowserPlatform : IAsyncLifetime
{
    public const string AdminUserName = "admin";

    /// <summary>Time allowed for the front end to start on a busy two-core machine.</summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private HostProcess? _frontend;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public string AdminKey { get; } = "browser-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public string AdminPassword { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The instructors' REST API with the admin key: scenarios, cohorts, enrollments.</summary>
    public PPipeApi Api { get; private set; } = null!;

    /// <summary>The browser; each test opens its own context (own cookies) through <see cref="BrowserTest"/>.</summary>
    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser is not started.");

    /// <summary>Everything the front end has printed so far, for failure messages.</summary>
    public string FrontendOutput => _frontend?.Output ?? "";

    public static string ChromiumPath => Environment.GetEnvironmentVariable("PPIPE_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new FileNotFoundException(
                $"Chromium is not at {ChromiumPath}. Install Debian's package (apt-get install chromium; scripts/test.sh does) or set PPIPE_CHROMIUM.",
                ChromiumPath);
        }

        Screenshots.ClearDefaultFolder();
        BaseAddress = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var settings = new Dictionary<string, string>
        {
            ["Demo__Enabled"] = "false",
            ["Admin__ApiKey"] = AdminKey,
            ["Accounts__Admin__UserName"] = AdminUserName,
            ["Accounts__Admin__Password"] = AdminPassword,
        };
        // The platform's mail goes to the test SMTP server when one runs (scripts/test.sh starts it); a journey that reads
        // mail fails without it, the others do not need it.
        if (Environment.GetEnvironmentVariable(MailDrop.PortVariable) is { Length: > 0 } smtpPort)
        {
            settings["Mail__Smtp__Host"] = "127.0.0.1";
            settings["Mail__Smtp__Port"] = smtpPort;
            settings["Mail__Smtp__Security"] = "None";
        }

        _frontend = HostProcess.Start("frontend", RepoPaths.FrontendDll, settings, "--urls", BaseAddress.ToString());
        var starting = _frontend.WaitForLineAsync("P-PIPE is serving", StartTimeout);

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Chromium's sandbox cannot start as root (CI runs as root); small containers have a tiny /dev/shm.
            Args = Environment.UserName == "root" ? ["--no-sandbox", "--disable-dev-shm-usage"] : ["--disable-dev-shm-usage"],
        });
        await starting;
        Api = new PPipeApi(BaseAddress, AdminKey);
    }

    public async ValueTask DisposeAsync()
    {
        Api?.Dispose();
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_frontend is not null)
        {
            await _frontend.DisposeAsync();
        }
    }
}

/// <summary>All browser tests run in this one collection: one front end, one browser, one test at a time.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserPlatform>
{
    public const string Name = "Browser";
}
