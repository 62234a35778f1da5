using System.Globalization;
using System.Text;
using Microsoft.Playwright;
using PPipe.Api.Bench;

namespace PPipe.Ui.Bench;

/// <summary>
/// What open student pages cost the front end: each page is a Blazor Server circuit that re-reads the student's data
/// every few seconds. Opens real pages in headless Chromium (one browser context per student, signed in with the
/// student's token) in steps, and after each step reads the front end's working set (after forced collections) and its
/// CPU over a quiet interval. The baseline is the same front end with no page open, read in the same run.
/// </summary>
internal static class StudentPages
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan CpuWindow = TimeSpan.FromSeconds(20);

    public sealed record Step(int Pages, long WorkingSetKiB, double FrontendCores, double OtherCores, TimeSpan OpenTime);

    public static async Task<IReadOnlyList<Step>> MeasureAsync(IBrowser browser, FrontendHost frontend, IReadOnlyList<string> tokens, IReadOnlyList<int> steps,
        CancellationToken cancellationToken)
    {
        var results = new List<Step>();
        var open = new List<IBrowserContext>();
        try
        {
            foreach (var target in steps)
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                while (open.Count < target)
                {
                    open.Add(await OpenAsync(browser, frontend.Address, tokens[open.Count]));
                }

                var openTime = clock.Elapsed;
                await Task.Delay(Settle, cancellationToken);
                var cpu = new CpuSampler(frontend.ProcessId);
                cpu.Start();
                await Task.Delay(CpuWindow, cancellationToken);
                var usage = cpu.Stop();
                var memory = await ProcessMemory.SettledAsync(frontend.ProcessId, cancellationToken);
                var step = new Step(open.Count, memory.KiB, usage.FrontendCores, usage.OtherCores, openTime);
                Console.WriteLine($"{step.Pages} student pages open: front end {step.WorkingSetKiB / 1024.0:F0} MiB, {step.FrontendCores:F2} cores; opened in {openTime.TotalSeconds:F0} s");
                results.Add(step);
            }
        }
        finally
        {
            foreach (var context in open)
            {
                await context.CloseAsync();
            }
        }

        return results;
    }

    /// <summary>Signs in as the token's student in a context of its own and waits for the student page's heading.</summary>
    private static async Task<IBrowserContext> OpenAsync(IBrowser browser, Uri address, string token)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = address.ToString().TrimEnd('/') });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/signin");
        await page.GetByLabel("Your token").FillAsync(token);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in as student" }).ClickAsync();
        await page.WaitForURLAsync("**/student");
        // The page is interactive once its circuit renders the timeline.
        await page.GetByRole(AriaRole.Heading, new() { Name = "Timeline" }).WaitForAsync();
        return context;
    }

    public static string Report(IReadOnlyList<Step> steps, int students)
    {
        var none = steps[0];
        var first = steps.Count > 2 ? steps[1] : none;
        var most = steps[^1];
        // The first pages also pay what any first circuit costs (components' code, caches): the marginal cost per page is
        // read between the first step with pages and the last.
        var perPageKiB = (most.WorkingSetKiB - first.WorkingSetKiB) / (double)(most.Pages - first.Pages);
        var perPageCores = (most.FrontendCores - first.FrontendCores) / (most.Pages - first.Pages);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"## Student pages ({DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores)");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"One embedded front end, a cohort of {students:N0} students (taxi-fares, a day per minute). Each page is a student signed in with their token in a browser context of its own (headless Chromium on the same 2 cores); after each step, {Settle.TotalSeconds:0} s to settle, the front end's CPU over {CpuWindow.TotalSeconds:0} s, then its working set after forced full collections. Baseline: the same process with no page open.");
        text.AppendLine();
        text.AppendLine("| student pages open | front end working set | vs no page | front end CPU | vs no page | other CPU (mostly Chromium) |");
        text.AppendLine("| ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var step in steps)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {step.Pages:N0} | {step.WorkingSetKiB / 1024.0:F0} MiB | +{(step.WorkingSetKiB - none.WorkingSetKiB) / 1024.0:F0} MiB | {step.FrontendCores:F2} cores | +{step.FrontendCores - none.FrontendCores:F2} cores | {step.OtherCores:F2} cores |");
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Per open page, from {first.Pages:N0} to {most.Pages:N0} open: {perPageKiB:F0} KiB of working set and {perPageCores * 1000:F1} millicores of front-end CPU. At that rate 5,000 open pages would hold about {(most.WorkingSetKiB + perPageKiB * (5000 - most.Pages)) / 1024 / 1024:F1} GiB and keep {most.FrontendCores + perPageCores * (5000 - most.Pages):F1} cores busy in the front ends: a projection from {most.Pages:N0} pages, not a measurement of 5,000.");
        return text.ToString();
    }
}
