// Probe client benchmark: how many probes per second ProbeClient sustains at bounded concurrency against a
// model endpoint that answers after 20 ms, compared with a plain HttpClient posting the same body to the same
// endpoint at the same concurrency (the baseline: HTTP alone, no rows generated, nothing parsed or scored).
// Both run in this process, interleaved, so they see the same machine. The same again with an endpoint that
// answers at once, where CPU rather than the model's delay sets the pace. Then: what each tracked endpoint
// (its circuit breaker) costs in memory, and that the table stays bounded. Writes RESULTS.md next to this file.
// Run: dotnet run -c Release --project bench/Probes.Bench
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Grains.Interfaces.Outbound;
using PPipe.Grains.Interfaces.Probes;
using PPipe.Grains.Client.Outbound;
using PPipe.Grains.Client.Scenarios;
using PPipe.Grains.Outbound;
using PPipe.Grains.Probes;
using PPipe.Probes.Bench;
using PPipe.Scenarios.Generation;
using PPipe.Scenarios.Output;
using PPipe.Scenarios.Templates;

const int Concurrency = 64;
const int Rounds = 3;
const int TrackedEndpoints = 20_000;
var cohortStart = new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);
var started = DateTimeOffset.UtcNow;
var loadAtStart = LoadAverage();
var machine = $"{RuntimeInformation.FrameworkDescription} · {RuntimeInformation.OSDescription} · {Environment.ProcessorCount} cores · GC {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}";
Console.WriteLine($"Probe client benchmark · {machine}");

// 1. The clients. taxi-fares: 20 rows per probe, regression (RMSE).
var scenario = ScenarioTemplates.Get("taxi-fares").Scenario;
var rows = scenario.Endpoint!.RowsPerProbe;
var slots = scenario.Endpoint.SlotCountWithin(scenario.Duration);
var answer = Encoding.UTF8.GetBytes($"{{\"predictions\": [{string.Join(", ", Enumerable.Range(0, rows).Select(i => (12.5 + i).ToString(CultureInfo.InvariantCulture)))}]}}");
var body = ProbeRequest.ToBytes(new ScenarioGenerator(scenario, 42, cohortStart).OpenProbe(3));

using var raw = new HttpClient(new SocketsHttpHandler { UseCookies = false, UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };
using var outbound = new OutboundHttp(Options.Create(new OutboundOptions { AllowLoopback = true }), NullLogger<OutboundHttp>.Instance);
var probeOptions = new ProbeOptions { MaxConcurrency = Concurrency, QueueTimeout = TimeSpan.FromMinutes(1) };
using var probes = new ProbeClient(outbound, new ScenarioCatalog(grains: null!), Options.Create(probeOptions), TimeProvider.System, NullLogger<ProbeClient>.Instance);

// 2. Memory first, on a quiet heap. The same distinct endpoints probed three times: with a limit of one tracked
// endpoint (what the probes cost besides the breakers), with every endpoint tracked, and with a limit of a
// quarter of them. The differences in live heap, taken while each client is alive, are the breakers' cost.
var single = await TrackAsync(1, TrackedEndpoints);
var unbounded = await TrackAsync(TrackedEndpoints, TrackedEndpoints);
var bounded = await TrackAsync(TrackedEndpoints / 4, TrackedEndpoints);
var perEndpoint = (unbounded.Heap - single.Heap) / (unbounded.Tracked - single.Tracked);

// 3. Throughput against an endpoint that thinks for 20 ms (the goal), then one that answers at once.
var (slow, slowRuns) = await CompareAsync(TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(3));
var (fast, fastRuns) = await CompareAsync(TimeSpan.Zero, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(2));
var ratio = slow.Probing.PerSecond / slow.Baseline.PerSecond;

// 4. Report.
var defaultLimit = new ProbeOptions().MaxTrackedEndpoints;
var report = new StringBuilder();
report.AppendLine("# Probe client benchmark results");
report.AppendLine();
report.AppendLine(CultureInfo.InvariantCulture, $"{started:yyyy-MM-dd HH:mm} UTC · {machine} · Release · endpoint, clients and measurement in one process");
report.AppendLine();
report.AppendLine(CultureInfo.InvariantCulture, $"A loopback Kestrel model endpoint answers every POST with a valid {answer.Length}-byte `{{\"predictions\": [...]}}` ({rows} values), after 20 ms (the goal's case) or at once. {Concurrency} loops call it back to back; {Rounds} interleaved rounds after a warm-up per case; medians over the rounds.");
report.AppendLine();
report.AppendLine(CultureInfo.InvariantCulture, $"- **baseline**: a plain `HttpClient` posts the same pre-built {body.Length:N0}-byte body of taxi-fares probe slot 3 and reads the answer.");
report.AppendLine(CultureInfo.InvariantCulture, $"- **ProbeClient**: `ProbeAsync(job, scenario)` with `MaxConcurrency = {Concurrency}`: waits for a place, passes the endpoint's circuit breaker, retry and timeout, regenerates the {rows} rows of a different student and slot each time, posts them through the guarded outbound client (address check, size cap), parses the predictions and scores them (RMSE and three mean losses). Every call counted returned one `Ok` attempt with {rows} scored rows.");
report.AppendLine();
report.AppendLine("| endpoint | case | calls/s | vs baseline | p50 | p99 | process CPU | CPU per call (both ends) | failed |");
report.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
foreach (var (label, pair) in new[] { ("answers after 20 ms (ceiling 3,200/s)", slow), ("answers at once", fast) })
{
    foreach (var run in new[] { pair.Baseline, pair.Probing })
    {
        report.AppendLine(CultureInfo.InvariantCulture, $"| {label} | {run.Case} | {run.PerSecond:N0} | {run.PerSecond / pair.Baseline.PerSecond:P0} | {run.P50Ms:F1} ms | {run.P99Ms:F1} ms | {run.Cores:F2} cores | {run.CpuMicrosecondsPerCall:N0} µs | {run.Failures} |");
    }
}

report.AppendLine();
report.AppendLine("| goal | measured | target | met |");
report.AppendLine("| --- | ---: | ---: | :---: |");
report.AppendLine(CultureInfo.InvariantCulture, $"| probes/s vs raw HttpClient at {Concurrency} in flight, endpoint answering after 20 ms | {ratio:P0} | ≥ 70% | {(ratio >= 0.7 ? "yes" : "**no**")} |");
report.AppendLine();
report.AppendLine(CultureInfo.InvariantCulture, $"Memory per tracked endpoint (its Polly circuit-breaker pipeline and table entry): {perEndpoint:N0} bytes, from the live heap after {unbounded.Probed:N0} distinct endpoints were probed with all of them tracked ({(unbounded.Heap - single.Heap) / 1048576.0:N1} MiB more than with one tracked). The default limit of {defaultLimit:N0} endpoints therefore holds about {perEndpoint * defaultLimit / 1048576.0:N0} MiB. With `MaxTrackedEndpoints = {bounded.Limit:N0}` the same {bounded.Probed:N0} endpoints left {bounded.Tracked:N0} tracked and {(bounded.Heap - single.Heap) / 1048576.0:N1} MiB held: forgotten breakers are collected.");
report.AppendLine();
report.AppendLine(CultureInfo.InvariantCulture, $"The machine's 1-minute load average (its cores are shared with other work): {loadAtStart} at the start, {LoadAverage()} at the end.");
report.AppendLine();
report.AppendLine("<details><summary>every run</summary>");
report.AppendLine();
report.AppendLine("| endpoint | round | case | calls/s | p50 | p99 | process CPU | failed |");
report.AppendLine("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |");
foreach (var (label, all) in new[] { ("after 20 ms", slowRuns), ("at once", fastRuns) })
{
    foreach (var (round, run) in all)
    {
        report.AppendLine(CultureInfo.InvariantCulture, $"| {label} | {round} | {run.Case} | {run.PerSecond:N0} | {run.P50Ms:F1} ms | {run.P99Ms:F1} ms | {run.Cores:F2} cores | {run.Failures} |");
    }
}

report.AppendLine();
report.AppendLine("</details>");
report.AppendLine();
report.AppendLine("Run: `dotnet run -c Release --project bench/Probes.Bench` (under 2 minutes).");

Console.WriteLine();
Console.Write(report);
var results = Path.Combine(RepositoryRoot(), "bench", "Probes.Bench", "RESULTS.md");
await File.WriteAllTextAsync(results, report.ToString());
Console.WriteLine($"Wrote {results}");

// Both clients against one endpoint with the given think time, interleaved; the median run of each.
async Task<((LoadRun Baseline, LoadRun Probing) Medians, List<(int Round, LoadRun Run)> Runs)> CompareAsync(TimeSpan delay, TimeSpan length, TimeSpan warmup)
{
    await using var server = await ModelServer.StartAsync(delay, answer);

    async Task<bool> RawAsync(int worker, long n)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await raw.PostAsync(server.Url, content);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        return response.StatusCode == HttpStatusCode.OK && bytes.Length == answer.Length;
    }

    // Each worker is a student (its own data seed); each call a later slot, so every probe generates fresh rows.
    async Task<bool> ProbeAsync(int worker, long n)
    {
        var job = new ProbeJob(new EnrollmentKey("bench", $"s{worker}"), server.Url.ToString(), "taxi-fares", 1, (ulong)worker, cohortStart, n % slots, TimeSpan.Zero);
        var results = await probes.ProbeAsync(job, scenario, CancellationToken.None);
        return results is [{ Ok: true, Quality.Rows: var scored }] && scored == rows;
    }

    if (!await ProbeAsync(0, 0) || !await RawAsync(0, 0))
    {
        throw new InvalidOperationException("A first probe or raw call failed; the endpoint or a client is misconfigured.");
    }

    var cases = new (string Name, Func<int, long, Task<bool>> Call)[] { ("baseline: HttpClient, same body", RawAsync), ("ProbeClient.ProbeAsync", ProbeAsync) };
    foreach (var (name, call) in cases)
    {
        await LoadRun.RunAsync(name, Concurrency, warmup, call);
    }

    var runs = new List<(int Round, LoadRun Run)>();
    for (var round = 1; round <= Rounds; round++)
    {
        for (var turn = 0; turn < cases.Length; turn++)
        {
            var (name, call) = cases[(round + turn) % cases.Length];
            var run = await LoadRun.RunAsync(name, Concurrency, length, call);
            runs.Add((round, run));
            Console.WriteLine($"delay {delay.TotalMilliseconds:0} ms · round {round} · {name}: {run.PerSecond:N0}/s, p50 {run.P50Ms:F1} ms, p99 {run.P99Ms:F1} ms, {run.Cores:F2} cores, {run.Failures} failed");
        }
    }

    LoadRun Median(string name) => runs.Where(r => r.Run.Case == name).Select(r => r.Run).OrderBy(r => r.PerSecond).ElementAt(Rounds / 2);
    return ((Median(cases[0].Name), Median(cases[1].Name)), runs);
}

// Probes distinct private addresses, which the address guard refuses before any packet, and weighs the live
// heap while the client is still alive.
async Task<(int Limit, int Probed, int Tracked, long Heap)> TrackAsync(int limit, int endpoints)
{
    using var strict = new OutboundHttp(Options.Create(new OutboundOptions()), NullLogger<OutboundHttp>.Instance);
    using var tracking = new ProbeClient(strict, new ScenarioCatalog(grains: null!), Options.Create(new ProbeOptions { MaxTrackedEndpoints = limit }), TimeProvider.System, NullLogger<ProbeClient>.Instance);
    await Parallel.ForAsync(0, endpoints, async (i, ct) =>
    {
        var job = new ProbeJob(new EnrollmentKey("bench", $"m{i}"), $"http://10.{i >> 16}.{(i >> 8) & 255}.{i & 255}/predict", "taxi-fares", 1, 1, cohortStart, 0, TimeSpan.Zero);
        var result = (await tracking.ProbeAsync(job, scenario, ct))[0];
        if (result.Failure != OutboundFailureKind.ForbiddenAddress)
        {
            throw new InvalidOperationException($"Expected a refused address, got {result.Failure}: {result.Error}");
        }
    });
    var heap = await SettledHeapAsync();
    return (limit, endpoints, tracking.TrackedEndpoints, heap);
}

// The live heap once everything collectable is gone: queued work run (each Polly breaker starts a task that
// holds it until it has run once), finalizers run.
static async Task<long> SettledHeapAsync()
{
    var deadline = DateTime.UtcNow.AddSeconds(10);
    while (ThreadPool.PendingWorkItemCount > 0 && DateTime.UtcNow < deadline)
    {
        await Task.Delay(50);
    }

    for (var i = 0; i < 3; i++)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
    }

    return GC.GetTotalMemory(forceFullCollection: true);
}

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

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
