// Notification benchmark: an instructor's announcement to every student of a 10,000-student cohort, timed from the post
// until the local SMTP server (Debian's aiosmtpd, as the tests run it) has accepted every mail, against the same
// pre-built messages sent with MailKit over one connection in a plain loop (the baseline, run before and after). The
// platform's path is all of it: the paced delivery to each enrollment, each one's decision and outbox write, the silo's
// senders rendering and signing each mail, the SMTP transport, the reports back. Meanwhile the cohort's enrollments
// tick at every release (every 10 s each); the lateness of those wakes during the burst is compared with a calm window
// before it. Silo, baseline and measurements share this process. Writes RESULTS.md next to this file.
// Run: dotnet run -c Release --project bench/Notify.Bench [-- --students N]
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using PPipe.Grains.Interfaces.Notifications;
using PPipe.Grains.Notifications;
using PPipe.Notify.Bench;

var students = args.Length == 2 && args[0] == "--students" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
const int MailConcurrency = 8;
const double Speed = 1440;
var calmWindow = TimeSpan.FromSeconds(30);
var defaults = new NotificationOptions();
const string Spec = """
    template: taxi-fares
    title: Notify bench
    duration: 28d
    releases: {first: 0d, cadence: 4h, rows: 10, channel: api}
    batches: {enabled: false}
    endpoint: {enabled: false}
    drift: []
    quirks: []
    grading: {criteria: {acquisition: 1}}
    """;

var root = RepositoryRoot();
var started = DateTimeOffset.UtcNow;
var loadAtStart = LoadAverage();
var machine = $"{RuntimeInformation.FrameworkDescription} · {RuntimeInformation.OSDescription} · {Environment.ProcessorCount} cores · GC {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}";
Console.WriteLine($"Notification benchmark · {students:N0} students · {machine}");

await using var smtp = await TestSmtpServer.StartAsync(root);
using var lateness = new WakeLateness();
await using var platform = await NotifyPlatform.StartAsync(smtp.Port, MailConcurrency);

Console.WriteLine("Enrolling ...");
var enrolling = Stopwatch.StartNew();
var cohortId = await platform.CohortAsync(Spec, Speed, students, "s", "bench.example");
Console.WriteLine($"  {students:N0} students in {enrolling.Elapsed.TotalSeconds:F1} s");

// Warm-up: JIT, connections, a small announcement through every step, a small baseline.
var warmCohort = await platform.CohortAsync(Spec, Speed, 200, "w", "warm.example");
await AnnounceAsync(warmCohort, 200, "Warm-up");
await BaselineAsync(200, "warm");

// Two release cycles for the big cohort's wakes to settle into their rhythm, then the calm window.
await Task.Delay(TimeSpan.FromSeconds(20));
Console.WriteLine($"Calm window ({calmWindow.TotalSeconds:0} s) ...");
var calmFrom = Environment.TickCount64;
await Task.Delay(calmWindow);
var calm = lateness.Between(calmFrom, Environment.TickCount64);

var baseline1 = await BaselineAsync(students, "b1");
var burst = await AnnounceAsync(cohortId, students, "Exam room changed");
var burstLateness = lateness.Between(burst.FromTick, burst.ToTick);
var baseline2 = await BaselineAsync(students, "b2");
var (platformFiles, distinctIds) = MessageIdsTo(smtp.Maildir, "@bench.example");

// Report.
var loadAtEnd = LoadAverage();
var baselineSeconds = (baseline1.Seconds + baseline2.Seconds) / 2;
var ratio = burst.Seconds / baselineSeconds;
var latenessRatio = burstLateness.P99 / calm.P99;
var report = new StringBuilder();
report.AppendLine("# Notification benchmark results");
report.AppendLine();
report.AppendLine(CultureInfo.InvariantCulture, $"{started:yyyy-MM-dd HH:mm} UTC · {machine} · Release · silo, baseline and measurements in one process; aiosmtpd {AiosmtpdVersion()} as its own process");
report.AppendLine();
report.AppendLine(CultureInfo.InvariantCulture, $"An announcement to all {students:N0} students of a cohort, each with the default preferences (e-mail on, every kind), timed from the post until the local SMTP server (Debian's python3-aiosmtpd writing a Maildir, started by `scripts/smtp.sh`) has accepted every mail, counted as files in its Maildir. The same cohort's enrollments tick at every release, every 10 s each (about {students / 10:N0} wakes a second).");
report.AppendLine();
report.AppendLine(CultureInfo.InvariantCulture, $"- **baseline**: the same {students:N0} announcement mails, rendered as the platform renders them (texts, signed unsubscribe links, headers, Message-IDs) before the clock starts, sent with MailKit's `SmtpClient` over one connection in a plain loop; run before and after the platform, averaged.");
report.AppendLine(CultureInfo.InvariantCulture, $"- **platform**: `POST`-equivalent `PostAnnouncementAsync` on the cohort's notifications grain: paced delivery to each enrollment (`Notifications:AnnouncementRate` {defaults.AnnouncementRate:N0}/s, {defaults.AnnouncementConcurrency} at once), each one's decision and outbox write, the silo's senders ({defaults.MaxConcurrency}) rendering and signing each mail, the SMTP transport (`Mail:MaxConcurrency` {MailConcurrency} pooled connections, Polly), and each delivery reported back and written.");
report.AppendLine();
report.AppendLine("| case | mails | seconds | mails/s | vs baseline |");
report.AppendLine("| --- | ---: | ---: | ---: | ---: |");
foreach (var (label, run) in new[] { ("baseline before: MailKit plain loop", baseline1), ("platform: announcement to the cohort", burst), ("baseline after: MailKit plain loop", baseline2) })
{
    report.AppendLine(CultureInfo.InvariantCulture, $"| {label} | {run.Mails:N0} | {run.Seconds:F1} | {run.Mails / run.Seconds:N0} | {run.Seconds / baselineSeconds:F2}× |");
}

report.AppendLine();
report.AppendLine("| enrollment wakes | wakes | p50 lateness | p99 lateness | max |");
report.AppendLine("| --- | ---: | ---: | ---: | ---: |");
report.AppendLine(CultureInfo.InvariantCulture, $"| calm ({calmWindow.TotalSeconds:0} s before the burst) | {calm.Wakes:N0} | {Ms(calm.P50)} | {Ms(calm.P99)} | {Ms(calm.Max)} |");
report.AppendLine(CultureInfo.InvariantCulture, $"| during the burst ({burst.Seconds:F0} s) | {burstLateness.Wakes:N0} | {Ms(burstLateness.P50)} | {Ms(burstLateness.P99)} | {Ms(burstLateness.Max)} |");
report.AppendLine();
report.AppendLine("| goal | measured | target | met |");
report.AppendLine("| --- | ---: | ---: | :---: |");
report.AppendLine(CultureInfo.InvariantCulture, $"| time until the SMTP server accepted every mail, vs the plain MailKit loop | {ratio:F2}× | ≤ 1.5× | {(ratio <= 1.5 ? "yes" : "no")} |");
report.AppendLine(CultureInfo.InvariantCulture, $"| enrollment tick lateness p99 during the burst, vs calm | {latenessRatio:F2}× ({Ms(burstLateness.P99)} vs {Ms(calm.P99)}) | ≤ 1.2× | {(latenessRatio <= 1.2 ? "yes" : "no")} |");
report.AppendLine();
report.AppendLine(CultureInfo.InvariantCulture, $"Each student got one mail: the Maildir holds {platformFiles:N0} mails to the cohort's students with {distinctIds:N0} distinct Message-IDs.");
report.AppendLine();
report.AppendLine(CultureInfo.InvariantCulture, $"CPU (this process, which holds the silo and the baseline's client; aiosmtpd's own): baseline before {baseline1.Cpu:F2} + {baseline1.ServerCpu:F2} cores, platform {burst.Cpu:F2} + {burst.ServerCpu:F2}, baseline after {baseline2.Cpu:F2} + {baseline2.ServerCpu:F2}.");
report.AppendLine();
report.AppendLine(CultureInfo.InvariantCulture, $"The machine's 1-minute load average (its {Environment.ProcessorCount} cores are shared with other work): {loadAtStart} at the start, {loadAtEnd} at the end.");
report.AppendLine();
report.AppendLine(CultureInfo.InvariantCulture, $"Run: `dotnet run -c Release --project bench/Notify.Bench` (about {Math.Ceiling((DateTimeOffset.UtcNow - started).TotalMinutes)} minutes; `-- --students N` for another size).");
var results = Path.Combine(root, "bench", "Notify.Bench", "RESULTS.md");
await File.WriteAllTextAsync(results, report.ToString());
Console.WriteLine(report);
Console.WriteLine($"Wrote {results}");
return 0;

async Task<Run> AnnounceAsync(string cohort, int count, string subject)
{
    Console.WriteLine($"Announcing to {count:N0} students ...");
    var before = smtp.Accepted();
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var serverCpu = ServerCpu(smtp.Maildir);
    var fromTick = Environment.TickCount64;
    var clock = Stopwatch.StartNew();
    await platform.Grains.GetGrain<ICohortNotificationsGrain>(cohort).PostAnnouncementAsync(subject, "The exam is in room B12 on Friday at 9:00. Bring your student card.");
    await UntilAcceptedAsync(before + count);
    var seconds = clock.Elapsed.TotalSeconds;
    var run = new Run(count, seconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds / seconds,
        (ServerCpu(smtp.Maildir) - serverCpu) / seconds, fromTick, Environment.TickCount64);
    Console.WriteLine($"  {seconds:F1} s");
    return run;
}

async Task<Run> BaselineAsync(int count, string prefix)
{
    Console.WriteLine($"Baseline: {count:N0} pre-built mails in a MailKit loop ...");
    var messages = BenchMails.Announcement(new Announcement("c-baseline0000", 1, "Exam room changed",
        "The exam is in room B12 on Friday at 9:00. Bring your student card.", DateTimeOffset.UtcNow), "Bench s", count, prefix, "base.example");
    var before = smtp.Accepted();
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var serverCpu = ServerCpu(smtp.Maildir);
    var fromTick = Environment.TickCount64;
    var clock = Stopwatch.StartNew();
    await PlainMailKitLoop.SendAsync(messages, smtp.Port);
    await UntilAcceptedAsync(before + count);
    var seconds = clock.Elapsed.TotalSeconds;
    Console.WriteLine($"  {seconds:F1} s");
    return new Run(count, seconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds / seconds,
        (ServerCpu(smtp.Maildir) - serverCpu) / seconds, fromTick, Environment.TickCount64);
}

async Task UntilAcceptedAsync(int total)
{
    var deadline = Stopwatch.StartNew();
    while (smtp.Accepted() < total)
    {
        if (deadline.Elapsed > TimeSpan.FromMinutes(15))
        {
            throw new TimeoutException($"The SMTP server accepted {smtp.Accepted():N0} mails of {total:N0} in 15 minutes.");
        }

        await Task.Delay(20);
    }
}

static (int Files, int DistinctIds) MessageIdsTo(string maildir, string domain)
{
    var ids = new List<string>();
    foreach (var file in Directory.EnumerateFiles(Path.Combine(maildir, "new")))
    {
        string? to = null, id = null;
        foreach (var line in File.ReadLines(file))
        {
            if (line.Length == 0)
            {
                break;
            }

            if (line.StartsWith("To:", StringComparison.OrdinalIgnoreCase))
            {
                to = line;
            }
            else if (line.StartsWith("Message-Id:", StringComparison.OrdinalIgnoreCase))
            {
                id = line[11..].Trim();
            }
        }

        if (to?.Contains(domain, StringComparison.Ordinal) == true && id is not null)
        {
            ids.Add(id);
        }
    }

    return (ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
}

// The aiosmtpd process's CPU seconds so far, from /proc (its pid is in the folder scripts/smtp.sh made).
static double ServerCpu(string maildir)
{
    try
    {
        var pid = File.ReadAllText(Path.Combine(Path.GetDirectoryName(maildir)!, "pid")).Trim();
        var fields = File.ReadAllText($"/proc/{pid}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }
    catch (Exception e) when (e is IOException or FormatException or IndexOutOfRangeException or UnauthorizedAccessException)
    {
        return 0;
    }
}

static string Ms(double seconds) => double.IsNaN(seconds) ? "—" : $"{seconds * 1000:F1} ms";

static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

static string AiosmtpdVersion()
{
    var info = new ProcessStartInfo("/usr/bin/python3", ["-c", "import aiosmtpd; print(aiosmtpd.__version__)"]) { RedirectStandardOutput = true };
    using var process = Process.Start(info);
    var version = process?.StandardOutput.ReadToEnd().Trim();
    process?.WaitForExit();
    return string.IsNullOrEmpty(version) ? "" : version;
}

static string RepositoryRoot()
{
    for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
    {
        if (File.Exists(Path.Combine(folder.FullName, "PPipe.sln")))
        {
            return folder.FullName;
        }
    }

    throw new InvalidOperationException("Run the bench from inside the repository: PPipe.sln not found above " + AppContext.BaseDirectory);
}

/// <summary>One timed run: mails, wall seconds, cores this process and the SMTP server used, and its window in ticks.</summary>
internal sealed record Run(int Mails, double Seconds, double Cpu, double ServerCpu, long FromTick, long ToTick);
