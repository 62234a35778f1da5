// UI benchmark: how long the cohort monitor takes to show the first page of a 10,000-student cohort
// (against a 30-student cohort in the same run), and how long a student's action takes to reach an open
// monitor (against the admin summary API polled in the same run). Headless Chromium from Debian drives
// the Release-built front end over loopback.
//
//   dotnet run -c Release --project bench/Ui.Bench [-- --students 10000 --repeat 5]
//   dotnet run -c Release --project bench/Ui.Bench -- --student-pages [--steps 0,25,50,100]   (what open student pages cost)
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Playwright;
using PPipe.Api.Bench;
using PPipe.Ui.Bench;

var students = IntArgument("--students", 10_000);
var repeat = IntArgument("--repeat", 5);
var root = RepositoryRoot();
using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(20));
var ct = cancel.Token;

await FrontendHost.EnsureBuiltAsync(root, rebuild: args.Contains("--rebuild"), ct);
var adminKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
var password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
await using var frontend = await FrontendHost.StartAsync(FrontendHost.DllPath(root), new Dictionary<string, string>
{
    ["Admin__ApiKey"] = adminKey,
    ["Accounts__Admin__Password"] = password,
}, ct);
using var platform = new PlatformClient(frontend.Address, adminKey);

if (args.Contains("--student-pages"))
{
    // What open student pages cost: see StudentPages. Steps of open pages, the first the no-page baseline.
    var steps = StepsArgument("--steps", [0, 25, 50, 100]);
    var pagesCohort = await platform.CreateCohortAsync("taxi-fares", DateTimeOffset.UtcNow.AddMinutes(-1), 1440, ct);
    var pagesRoster = await platform.EnrollAsync(pagesCohort, Math.Max(steps.Max(), 1), ct);
    using var pagesPlaywright = await Playwright.CreateAsync();
    await using var pagesBrowser = await LaunchAsync(pagesPlaywright);
    var measured = await StudentPages.MeasureAsync(pagesBrowser, frontend, pagesRoster.Tokens, steps, ct);
    var pagesReport = StudentPages.Report(measured, pagesRoster.Tokens.Count);
    Console.WriteLine(pagesReport);
    await File.AppendAllTextAsync(Path.Combine(root, "bench", "Ui.Bench", "RESULTS.md"), pagesReport + Environment.NewLine, ct);
    return;
}

// Both cohorts started a minute ago at a day per minute: release 1 is out for every student.
var startedAt = DateTimeOffset.UtcNow.AddMinutes(-1);
var small = await platform.CreateCohortAsync("taxi-fares", startedAt, 1440, ct);
var smallRoster = await platform.EnrollAsync(small, 30, ct);
var large = await platform.CreateCohortAsync("taxi-fares", startedAt, 1440, ct);
var largeRoster = await platform.EnrollAsync(large, students, ct);
Console.WriteLine($"Cohorts: {small} (30 students), {large} ({students} students, enrolled in {largeRoster.Elapsed.TotalSeconds:0.0} s)");

using var playwright = await Playwright.CreateAsync();
await using var browser = await LaunchAsync(playwright);
await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = frontend.Address.ToString().TrimEnd('/') });
context.SetDefaultTimeout(60_000);
var page = await context.NewPageAsync();
await SignInAsync(page, password);

// 1. First page of the monitor: from navigation to the first student row and the full count on screen.
var smallRender = new List<double>();
var largeRender = new List<double>();
await RenderMonitorAsync(page, small, 30);
await RenderMonitorAsync(page, large, students);
for (var i = 0; i < repeat; i++)
{
    smallRender.Add(await RenderMonitorAsync(page, small, 30));
    largeRender.Add(await RenderMonitorAsync(page, large, students));
}

// 2. Update lag: a student fetches a release; how long until the admin summary API, and an open monitor, show it.
using var http = new HttpClient { BaseAddress = frontend.Address };
var apiLag = new List<double>();
var uiLag = new List<double>();
await RenderMonitorAsync(page, large, students);
for (var i = 0; i < repeat; i++)
{
    apiLag.Add(await ApiLagAsync(http, large, largeRoster.Tokens[2 * i], adminKey));
    uiLag.Add(await MonitorLagAsync(page, http, largeRoster.Tokens[2 * i + 1], $"s{2 * i + 2:00000}"));
}

var report = $"""
    ## UI benchmark ({DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, median of {repeat})

    | measure | baseline | measured | ratio |
    | --- | ---: | ---: | ---: |
    | monitor first page, {students:N0} students vs 30 | {Median(smallRender):0} ms | {Median(largeRender):0} ms | {Median(largeRender) / Median(smallRender):0.00}x |
    | update lag, monitor vs admin summary API | {Median(apiLag):0} ms | {Median(uiLag):0} ms | {Median(uiLag) / Median(apiLag):0.00}x |

    Samples (ms): monitor 30 [{Join(smallRender)}], monitor {students} [{Join(largeRender)}], API lag [{Join(apiLag)}], monitor lag [{Join(uiLag)}].
    """;
Console.WriteLine(report);
await File.AppendAllTextAsync(Path.Combine(root, "bench", "Ui.Bench", "RESULTS.md"), report + Environment.NewLine, ct);
return;

static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
{
    ExecutablePath = Environment.GetEnvironmentVariable("PPIPE_CHROMIUM") is { Length: > 0 } chromium ? chromium : "/usr/bin/chromium",
    Headless = true,
    Args = Environment.UserName == "root" ? ["--no-sandbox", "--disable-dev-shm-usage"] : ["--disable-dev-shm-usage"],
});

static async Task SignInAsync(IPage page, string password)
{
    await page.GotoAsync("/signin");
    await page.GetByLabel("User name").FillAsync("admin");
    await page.GetByLabel("Password").FillAsync(password);
    await page.GetByRole(AriaRole.Button, new() { Name = "Sign in as instructor" }).ClickAsync();
    await page.WaitForURLAsync("**/cohorts");
}

static async Task<double> RenderMonitorAsync(IPage page, string cohortId, int students)
{
    await page.GotoAsync("/");
    var clock = Stopwatch.StartNew();
    await page.GotoAsync($"/cohorts/{cohortId}");
    await page.GetByRole(AriaRole.Region, new() { Name = "Students" }).GetByRole(AriaRole.Link, new() { Name = "s" }).First.WaitForAsync();
    await page.GetByText($"{students} of {students} students shown").WaitForAsync();
    return clock.Elapsed.TotalMilliseconds;
}

static async Task<double> ApiLagAsync(HttpClient http, string cohortId, string token, string adminKey)
{
    var before = await FetchedAnyAsync(http, cohortId, adminKey);
    var clock = await FetchAsync(http, token);
    while (await FetchedAnyAsync(http, cohortId, adminKey) <= before)
    {
        await Task.Delay(10);
    }

    return clock.Elapsed.TotalMilliseconds;
}

static async Task<double> MonitorLagAsync(IPage page, HttpClient http, string token, string studentId)
{
    await page.GetByLabel("Search students").FillAsync(studentId);
    var row = page.GetByRole(AriaRole.Region, new() { Name = "Students" }).GetByRole(AriaRole.Row).Filter(new() { HasText = studentId });
    await row.GetByText("never").WaitForAsync();
    var clock = await FetchAsync(http, token);
    await row.GetByText("1 (latest #1)").WaitForAsync(new() { Timeout = 30_000 });
    return clock.Elapsed.TotalMilliseconds;
}

static async Task<Stopwatch> FetchAsync(HttpClient http, string token)
{
    using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/releases/1.csv");
    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
    using var response = await http.SendAsync(request);
    response.EnsureSuccessStatusCode();
    await response.Content.ReadAsByteArrayAsync();
    return Stopwatch.StartNew();
}

static async Task<int> FetchedAnyAsync(HttpClient http, string cohortId, string adminKey)
{
    using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/admin/cohorts/{cohortId}/summary");
    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
    using var response = await http.SendAsync(request);
    response.EnsureSuccessStatusCode();
    using var body = JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
    return body.RootElement.GetProperty("fetchedAnyRelease").GetInt32();
}

static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

static string Join(List<double> values) => string.Join(", ", values.Select(v => v.ToString("0", CultureInfo.InvariantCulture)));

int[] StepsArgument(string name, int[] fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length
        ? [.. args[index + 1].Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture))]
        : fallback;
}

int IntArgument(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}

static string RepositoryRoot()
{
    for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
    {
        if (File.Exists(Path.Combine(directory.FullName, "PPipe.sln")))
        {
            return directory.FullName;
        }
    }

    throw new InvalidOperationException("Run the benchmark from inside the P-PIPE repository (PPipe.sln not found).");
}
