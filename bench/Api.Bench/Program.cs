// API benchmark (issue 4): with 10,000 students enrolled in one embedded front end, how many authenticated
// GET /api/v1/releases per second it serves (with and without If-None-Match) compared with a plain Kestrel
// endpoint returning the same bytes; memory per active enrollment; time to enroll 10,000 students.
// Loopback only. Run: dotnet run -c Release --project bench/Api.Bench
using System.Net;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using PPipe.Api.Bench;

const int WarmUpStudents = 100;

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
var ct = cancel.Token;
var startedAt = DateTimeOffset.UtcNow;
var root = RepositoryRoot();

Console.WriteLine($"API benchmark · {RuntimeInformation.FrameworkDescription} · {Environment.ProcessorCount} cores · {options.Students:N0} students");
var wrk = await Wrk.EnsureInstalledAsync(ct);
await FrontendHost.EnsureBuiltAsync(root, options.RebuildFrontend, ct);
var dll = FrontendHost.DllPath(root);

var work = Directory.CreateTempSubdirectory("ppipe-api-bench-");
FrontendHost? frontend = null;
BaselineServer? baseline = null;
try
{
    var adminKey = "bench-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
    frontend = await FrontendHost.StartAsync(dll, new Dictionary<string, string>(options.FrontendEnvironment)
    {
        ["Admin__ApiKey"] = adminKey,
        // The benchmark measures throughput, not the per-token limiter (defaults 60 burst, 20/s).
        ["Api__StudentBurst"] = "1000000",
        ["Api__StudentRequestsPerSecond"] = "1000000",
    }, ct);
    var pid = frontend.ProcessId;
    Console.WriteLine($"Front end pid {pid} at {frontend.Address} (built {File.GetLastWriteTimeUtc(dll):yyyy-MM-dd HH:mm} UTC)");
    using var client = new PlatformClient(frontend.Address, adminKey);

    // Speed 1440 runs a scenario day per wall minute. Starting ten minutes ago puts the cohort on day 10 of
    // taxi-fares' 28: eleven daily releases out, its day-9 API outage over, 18 minutes before the scenario ends.
    var startsAt = DateTimeOffset.UtcNow.AddMinutes(-10);
    var cohort = await client.CreateCohortAsync("taxi-fares", startsAt, speed: 1440, ct);

    // A small roster first, in a cohort of its own, so the timed enrollment measures a warm server (no JIT),
    // as an instructor meets it; the idle reading below includes these few students.
    var warmUpCohort = await client.CreateCohortAsync("taxi-fares", startsAt, speed: 1440, ct);
    var warmUp = await client.EnrollAsync(warmUpCohort, WarmUpStudents, ct);
    Console.WriteLine($"Warm-up: enrolled {WarmUpStudents} students in {warmUp.Elapsed.TotalSeconds:F2} s (fresh process)");
    var idle = await ProcessMemory.SettledAsync(pid, ct);
    Console.WriteLine($"Cohort {cohort}; front end working set {idle.KiB / 1024.0:F0} MiB (forced GC: {idle.Collected})");

    var enrollment = await client.EnrollAsync(cohort, options.Students, ct);
    var tokens = enrollment.Tokens;
    Console.WriteLine($"Enrolled {tokens.Count:N0} students in {enrollment.Elapsed.TotalSeconds:F2} s");
    var enrolled = await ProcessMemory.SettledAsync(pid, ct);

    var touchTime = await client.TouchAllAsync(tokens, options.TouchConcurrency, ct);
    var active = await ProcessMemory.SettledAsync(pid, ct);
    Console.WriteLine(
        $"Touched every enrollment in {touchTime.TotalSeconds:F1} s; working set {enrolled.KiB / 1024.0:F0} MiB after enrolling, " +
        $"{active.KiB / 1024.0:F0} MiB with all active: {(active.KiB - idle.KiB) / (double)tokens.Count:F1} KiB per active enrollment");

    // What further students cost once the one-time costs are paid: enroll and touch as many again (a large step,
    // so the few MiB the GC's free space moves between readings weigh little per student).
    var moreStudents = options.Students;
    var moreCohort = await client.CreateCohortAsync("taxi-fares", startsAt, speed: 1440, ct);
    var more = await client.EnrollAsync(moreCohort, moreStudents, ct);
    await client.TouchAllAsync(more.Tokens, options.TouchConcurrency, ct);
    var moreActive = await ProcessMemory.SettledAsync(pid, ct);
    Console.WriteLine(
        $"Enrolled and touched {moreStudents:N0} more: working set {moreActive.KiB / 1024.0:F0} MiB, " +
        $"{(moreActive.KiB - active.KiB) / (double)moreStudents:F1} KiB per further active enrollment");

    if (options.MemoryOnly)
    {
        Console.WriteLine($"Memory only: {(enrolled.KiB - idle.KiB) / (double)tokens.Count:F1} KiB per enrollment after enrolling; RESULTS.md not written.");
        return 0;
    }

    var first = await ReleasesOrThrowAsync(client, tokens[0], ct);
    baseline = await BaselineServer.StartAsync(first.Body, ct);
    var tokenFile = Path.Combine(work.FullName, "tokens.txt");
    await File.WriteAllTextAsync(tokenFile, string.Join('\n', tokens) + "\n", ct);
    var script = Path.Combine(work.FullName, "rotating-tokens.lua");
    await File.WriteAllTextAsync(script, Wrk.RotatingTokensScript, ct);
    Console.WriteLine($"Baseline at {baseline.Address}; response body {first.Body.Length:N0} bytes, {first.Count} releases, ETag {first.ETag}");

    var cases = Enum.GetValues<LoadCase>();
    Console.WriteLine($"Warm-up: {options.WarmUp.TotalSeconds:0} s per case");
    foreach (var loadCase in cases)
    {
        await RunCaseAsync(loadCase, options.WarmUp, round: 0);
    }

    var runs = new List<LoadRun>();
    for (var round = 1; round <= options.Rounds; round++)
    {
        // Rotate the order each round: background work (reminder ticks, release timers) and wrk's own
        // state then fall on every case alike.
        foreach (var loadCase in cases.Skip((round - 1) % cases.Length).Concat(cases.Take((round - 1) % cases.Length)))
        {
            var run = await RunCaseAsync(loadCase, options.Duration, round);
            runs.Add(run);
            Console.WriteLine(
                $"  round {round} {loadCase,-20} {run.Result.RequestsPerSecond,10:N0} req/s  p50 {run.Result.P50.TotalMilliseconds,7:F2} ms  " +
                $"p99 {run.Result.P99.TotalMilliseconds,7:F2} ms  front end {run.Cpu.FrontendCores:F2} cores  other {run.Cpu.OtherCores:F2} cores  non-2xx/3xx {run.Result.NotOk:N0}  socket errors {run.Result.SocketErrors:N0}{(run.Note is null ? "" : "  " + run.Note)}");
        }
    }

    var afterLoad = await ProcessMemory.SettledAsync(pid, ct);
    var report = new BenchReport(options, startedAt, File.GetLastWriteTimeUtc(dll), first.Body.Length, first.Count, WarmUpStudents, enrollment.Elapsed,
        enrollment.RequestBytes, touchTime, new MemoryFigures(idle.KiB, enrolled.KiB, active.KiB, moreStudents, moreActive.KiB, afterLoad.KiB, idle.Collected && active.Collected && moreActive.Collected),
        runs);
    var markdown = report.ToMarkdown();
    Console.WriteLine();
    Console.WriteLine(markdown);
    var results = Path.Combine(root, "bench", "Api.Bench", "RESULTS.md");
    await File.WriteAllTextAsync(results, BenchReport.WithHandNotes(markdown, results), CancellationToken.None);
    Console.WriteLine($"Written to {Path.GetRelativePath(Environment.CurrentDirectory, results)}");
    return 0;

    // One wrk run of a case. Each case is prepared against the platform's current state: the baseline
    // serves the real response's current bytes, the 304 case sends the current ETag and avoids a run
    // across a release (which would change the ETag mid-run).
    async Task<LoadRun> RunCaseAsync(LoadCase loadCase, TimeSpan duration, int round)
    {
        var current = await ReleasesOrThrowAsync(client, tokens[0], ct);
        string? etag = null;
        switch (loadCase)
        {
            case LoadCase.Baseline:
                baseline.Body = current.Body;
                break;
            case LoadCase.ReleasesNotModified:
                var margin = TimeSpan.FromSeconds(2);
                if (current.NextReleaseAt is { } next && next - DateTimeOffset.UtcNow < duration + margin)
                {
                    var wait = next - DateTimeOffset.UtcNow + margin;
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait, ct);
                    }

                    current = await ReleasesOrThrowAsync(client, tokens[0], ct);
                }

                etag = current.ETag;
                var check = await client.GetReleasesAsync(tokens[^1], etag, ct);
                if (check.Status != HttpStatusCode.NotModified)
                {
                    throw new InvalidOperationException($"If-None-Match: {etag} answered {(int)check.Status}, not 304.");
                }

                break;
        }

        var target = loadCase == LoadCase.Baseline ? baseline.Address : frontend.Address;
        var cpu = new CpuSampler(pid);
        cpu.Start();
        var result = await Wrk.RunAsync(wrk, new Uri(target, PlatformClient.ReleasesPath), script, [tokenFile, etag ?? ""],
            options.Connections, options.Threads, duration, ct);
        var usage = cpu.Stop();
        string? note = null;
        if (etag is not null && (await ReleasesOrThrowAsync(client, tokens[0], ct)).ETag != etag)
        {
            note = "a release changed the ETag during the run: some answers were 200";
        }

        return new LoadRun(loadCase, round, result, usage, note);
    }
}
catch (OperationCanceledException) when (ct.IsCancellationRequested)
{
    Console.Error.WriteLine("Cancelled.");
    return 130;
}
catch (Exception e)
{
    Console.Error.WriteLine($"The benchmark failed: {e.Message}");
    if (frontend is not null)
    {
        Console.Error.WriteLine($"Front end output (last lines):\n{frontend.RecentOutput}");
    }

    return 1;
}
finally
{
    if (baseline is not null)
    {
        await baseline.DisposeAsync();
    }

    if (frontend is not null)
    {
        await frontend.DisposeAsync();
    }

    work.Delete(recursive: true);
}

static async Task<PlatformClient.Releases> ReleasesOrThrowAsync(PlatformClient client, string token, CancellationToken ct)
{
    var releases = await client.GetReleasesAsync(token, ifNoneMatch: null, ct);
    if (releases.Status != HttpStatusCode.OK || releases.ETag is null)
    {
        throw new InvalidOperationException(
            $"GET /api/v1/releases answered {(int)releases.Status} (an outage window of the scenario?): {System.Text.Encoding.UTF8.GetString(releases.Body)}");
    }

    return releases;
}

static string RepositoryRoot()
{
    foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PPipe.sln")))
            {
                return directory.FullName;
            }
        }
    }

    throw new InvalidOperationException("Run the benchmark from inside the P-PIPE repository (PPipe.sln not found).");
}
