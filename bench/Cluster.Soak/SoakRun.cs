using System.Runtime.InteropServices;
using PPipe.Cluster.Soak.Admin;
using PPipe.Cluster.Soak.Hosting;
using PPipe.Cluster.Soak.Load;
using PPipe.Cluster.Soak.Measure;
using PPipe.Cluster.Soak.Verify;
using PPipe.Scenarios;

namespace PPipe.Cluster.Soak;

/// <summary>
/// One soak run, start to finish: PostgreSQL, the migration, the silos and front ends as real processes; cohorts on
/// every template with their rosters; every student polling, some on event streams and webhooks, simulated students
/// of every archetype; the fault schedule; then the checks for acknowledged work lost. Everything it started is
/// stopped, and PostgreSQL's directory deleted, however it ends. Returns what it measured (also when it stopped early).
/// </summary>
public sealed class SoakRun(SoakOptions options, TextWriter log)
{
    private static readonly TimeSpan SampleEvery = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan SummaryEvery = TimeSpan.FromSeconds(30);

    /// <summary>The longest one cohort's grades.csv may take to read before it counts as broken.</summary>
    private static readonly TimeSpan GradesLimit = TimeSpan.FromMinutes(5);

    public async Task<SoakReport> RunAsync(CancellationToken cancellationToken)
    {
        var clock = new RunClock();
        var recorder = new RequestRecorder(clock);
        var sampler = new ProcessSampler(clock);
        var report = new SoakReport(options, clock, recorder, sampler)
        {
            Machine = $"{Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1L << 30)} GiB, {RuntimeInformation.OSDescription}, " +
                $"{RuntimeInformation.FrameworkDescription}, load average at start {ProcFs.LoadAverage()}",
        };
        var repo = RepoLayout.Find();
        var logDirectory = Directory.CreateTempSubdirectory("ppipe-soak-logs-").FullName;
        report.LogDirectory = logDirectory;
        using var background = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var traffic = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        recorder.Stopping = traffic.Token;
        PostgresServer? postgres = null;
        PlatformCluster? cluster = null;
        LoadClients? clients = null;
        WebhookReceiver? receiver = null;
        SimulatedFleet? simulated = null;
        EventStreamFleet? streams = null;
        PostgresMonitor? monitor = null;
        HostSupervisor? supervisor = null;
        PollerFleet? pollers = null;
        var trafficStart = 0.0;
        var loops = new List<Task>();
        try
        {
            if (options.Build)
            {
                await repo.BuildHostsAsync(log, cancellationToken);
            }

            report.Commit = await repo.CommitAsync(cancellationToken);
            log.WriteLine($"Soak profile {options.Profile}: {options.Students:N0} students in {options.Cohorts} cohorts, {options.TrafficDuration.TotalMinutes:0.#} min of traffic " +
                $"at speed {options.Speed}; logs in {logDirectory}");
            postgres = await PostgresServer.StartAsync(repo, options.PostgresMaxConnections, log, cancellationToken);
            report.PostgresVersion = postgres.Version;
            cluster = new PlatformCluster(repo, postgres, options, clock, logDirectory);
            report.HostEnvironment = cluster.CommonEnvironment;
            foreach (var host in cluster.Hosts)
            {
                report.Logs[host.Name] = host.Tally;
                sampler.Add(host.Name, () => host.Pid is { } pid ? [pid] : []);
            }

            var pg = postgres;
            sampler.Add("postgresql", () => pg.PostmasterPid is { } pid ? [pid, .. ProcFs.ChildrenOf(pid)] : [], proportional: true);
            sampler.Add("load generator", () => [Environment.ProcessId]);
            monitor = new PostgresMonitor(postgres, clock, () => cluster.Hosts.Where(h => h.Pid is not null).Select(h => (h.Name, h.Pid!.Value)));
            loops.Add(SampleAsync(sampler, monitor, background.Token));

            await cluster.MigrateAsync(log, cancellationToken);
            await cluster.StartAsync(log, cancellationToken);
            supervisor = new HostSupervisor(cluster, clock, log);
            loops.Add(supervisor.RunAsync(background.Token));
            report.Phases.Add(new PhaseMark(clock.Seconds, "cluster up"));
            await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
            report.Memory.Add(Mark("idle, nobody enrolled", cluster, clock, 0));

            clients = new LoadClients(cluster.FrontendUris, recorder, options.ConnectionsPerFrontend);
            var admin = new AdminClient(clients.Admin, cluster.AdminKey);
            var students = new StudentClient(clients.Verify);
            receiver = await WebhookReceiver.StartAsync(cancellationToken);
            simulated = await SimulatedFleet.StartAsync(clients.Simulated, options.SimulatedPollInterval, cancellationToken);
            streams = new EventStreamFleet(clients.Streams);
            pollers = new PollerFleet(clients.Polls, recorder, options);
            loops.Add(pollers.RunAsync(traffic.Token));
            loops.Add(SummariesAsync(admin, report, background.Token));
            var siloReports = new SiloReportSampler(admin, clock, cluster.SiloByPort);
            loops.Add(siloReports.RunAsync(background.Token));
            loops.Add(ProgressAsync(recorder, pollers, clock, background.Token));

            var enroller = new CohortEnroller(admin, students, options, clock, log);
            var templates = await admin.TemplatesAsync(cancellationToken);
            log.WriteLine($"Templates: {string.Join(", ", templates.Select(t => t.Id))}");
            var downloaderDraw = new Random(12);
            for (var i = 0; i < options.Cohorts; i++)
            {
                var size = Math.Min(options.RosterSize, options.Students - i * options.RosterSize);
                var cohort = await enroller.CreateAsync(i, templates[i % templates.Count], size, cancellationToken);
                lock (report.Cohorts)
                {
                    report.Cohorts.Add(cohort);
                }

                await enroller.EnrollAsync(cohort, cancellationToken);
                report.Phases.Add(new PhaseMark(clock.Seconds, $"cohort {i} enrolled"));
                simulated.Add(cohort.Id, cohort.Simulated, cohort.Tokens);
                var simulatedIds = cohort.Simulated.Select(s => s.StudentId).ToHashSet(StringComparer.Ordinal);
                foreach (var row in cohort.Roster.Where(r => !simulatedIds.Contains(r.StudentId) && cohort.Tokens.ContainsKey(r.StudentId)))
                {
                    cohort.Pollers.Add(new PollingStudent(cohort.Id, row.StudentId, cohort.Tokens[row.StudentId], cohort.Pollers.Count % options.Frontends,
                        downloaderDraw.NextDouble() < options.DownloaderShare));
                }

                pollers.Add(cohort.Pollers);
                if (cohort.Schedule.Releases.Any(r => r.Channel == Channel.Webhook))
                {
                    var registering = cohort.Simulated.Where(s => cohort.Tokens.ContainsKey(s.StudentId)).Select(s => (s.StudentId, cohort.Tokens[s.StudentId]))
                        .Concat(cohort.Pollers.Take(options.WebhookPollersPerCohort).Select(p => (p.StudentId, p.Token)));
                    await enroller.RegisterWebhooksAsync(cohort, registering, receiver, cancellationToken);
                }
            }

            var enrolled = report.Cohorts.Sum(c => c.Tokens.Count);
            report.Memory.Add(Mark("every roster enrolled", cluster, clock, enrolled));
            foreach (var cohort in report.Cohorts)
            {
                await enroller.RepeatAsync(cohort, cancellationToken);
            }

            report.Phases.Add(new PhaseMark(clock.Seconds, "rosters uploaded again"));
            var everyPoller = report.Cohorts.SelectMany(c => c.Pollers).ToList();
            var step = Math.Max(1, everyPoller.Count / Math.Max(1, options.EventStreams));
            streams.Start(everyPoller.Where((_, i) => i % step == 0).Take(options.EventStreams), traffic.Token);

            trafficStart = clock.Seconds;
            report.Phases.Add(new PhaseMark(trafficStart, "traffic period begins"));
            log.WriteLine($"[+{trafficStart:F0}s] traffic period of {options.TrafficDuration.TotalMinutes:0.#} min begins: {everyPoller.Count:N0} pollers, " +
                $"{simulated.Members.Count} simulated students, {Math.Min(options.EventStreams, everyPoller.Count)} event streams, {receiver.Registrations.Count} webhooks");
            var faults = options.Faults
                ? new FaultSchedule(cluster, postgres, options, clock, log).RunAsync(trafficStart, report.Faults,
                    () => report.Memory.Add(Mark("before the first fault", cluster, clock, enrolled)), traffic.Token)
                : Task.CompletedTask;
            await Task.Delay(options.TrafficDuration, cancellationToken);
            await faults;
            var trafficEnded = DateTimeOffset.UtcNow;
            report.Traffic = (trafficStart, clock.Seconds);
            report.Phases.Add(new PhaseMark(clock.Seconds, "traffic period ends"));
            await traffic.CancelAsync();
            await simulated.StopAsync();
            await streams.StoppedAsync();
            report.Memory.Add(Mark("end of traffic", cluster, clock, enrolled));
            await siloReports.ReadAsync(cancellationToken);
            report.SiloWindows = siloReports.Windows;
            Tally(report, pollers, streams, simulated);
            var members = simulated.Members;

            await VerifyAsync(report, receiver, members, everyPoller, admin, students, trafficEnded, cancellationToken);
            report.Tables = await monitor.TableSizesAsync(cancellationToken);
            report.GrainState = await monitor.GrainStateByTypeAsync(cancellationToken);
            report.Statements = await monitor.TopStatementsAsync(15, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            report.Aborted = "cancelled by the user";
            log.WriteLine("The soak was cancelled; stopping everything and writing what was measured.");
        }
        catch (Exception e)
        {
            report.Aborted = $"{e.GetType().Name}: {e.Message}";
            log.WriteLine($"The soak stopped early: {e}");
        }
        finally
        {
            await traffic.CancelAsync();
            await background.CancelAsync();
            await IgnoreAsync(Task.WhenAll(loops));
            report.Postgres = monitor?.Samples ?? [];
            if (trafficStart > 0 && report.Traffic.To == 0)
            {
                report.Traffic = (trafficStart, clock.Seconds); // stopped early, inside the traffic period
            }

            Tally(report, pollers, streams, simulated);
            report.UnplannedExits = supervisor?.Exits ?? [];
            if (simulated is not null)
            {
                await IgnoreAsync(simulated.DisposeAsync().AsTask());
            }

            if (streams is not null)
            {
                await IgnoreAsync(streams.StoppedAsync());
            }

            if (receiver is not null)
            {
                await IgnoreAsync(receiver.DisposeAsync().AsTask());
            }

            clients?.Dispose();
            if (cluster is not null)
            {
                await cluster.DisposeAsync();
            }

            if (postgres is not null)
            {
                report.PostgresLog = PostgresLog.Read(postgres.ServerLog);
                File.Copy(postgres.ServerLog, Path.Combine(logDirectory, "postgresql.log"), overwrite: true);
                await postgres.DisposeAsync();
            }

            log.WriteLine($"Stopped every process; PostgreSQL directory removed. Logs: {logDirectory}");
        }

        return report;
    }

    /// <summary>Waits for outstanding webhook notifications, then checks every kind of acknowledged work.</summary>
    private async Task VerifyAsync(SoakReport report, WebhookReceiver receiver, IReadOnlyList<SimulatedMember> members, IReadOnlyList<PollingStudent> pollers,
        AdminClient admin, StudentClient students, DateTimeOffset trafficEnded, CancellationToken cancellationToken)
    {
        var clock = report.Clock;
        var drainUntil = clock.Seconds + options.Drain.TotalSeconds;
        while (clock.Seconds < drainUntil && LostWorkCheck.Webhooks(report.Cohorts, receiver, trafficEnded, "").Missing.Count > 0)
        {
            await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
        }

        report.Phases.Add(new PhaseMark(clock.Seconds, "drain over, checks begin"));
        var (afterDrain, missing) = LostWorkCheck.Webhooks(report.Cohorts, receiver, trafficEnded, $"after the traffic and {options.Drain.TotalSeconds:0} s of drain");
        var check = new LostWorkCheck(students, log);
        report.Losses.Add(await check.SubmissionsAsync(report.Cohorts, members, cancellationToken));
        report.Losses.Add(await check.FetchesAsync(members, pollers, cancellationToken));
        foreach (var cohort in report.Cohorts)
        {
            cohort.Grades = await admin.GradesAsync(cohort.Id, GradesLimit, cancellationToken);
            log.WriteLine($"grades.csv of {cohort.Id}: {cohort.Grades.Status}, {cohort.Grades.Rows:N0} rows in {cohort.Grades.Elapsed.TotalSeconds:F1} s" +
                (cohort.Grades.Failure is null ? "" : " — " + cohort.Grades.Failure));
        }

        report.Losses.Add(LostWorkCheck.Grades(report.Cohorts));
        report.Losses.Add(afterDrain);
        log.WriteLine($"Webhooks: {afterDrain.Checked} expected notifications, {afterDrain.Lost} missing after the drain");
        if (missing.Count > 0)
        {
            // grades.csv asked every enrollment for its grade, which activates it and lets it catch up: what arrives now was
            // waiting for an activation (e.g. its silo was killed) rather than gone for good.
            await Task.Delay(TimeSpan.FromSeconds(15), cancellationToken);
            var (afterGrades, stillMissing) = LostWorkCheck.Webhooks(report.Cohorts, receiver, trafficEnded, "after grades.csv touched every enrollment");
            report.WebhooksHealedByGrades = missing.Count - stillMissing.Count;
            report.Notes.Add($"{report.WebhooksHealedByGrades} of the {missing.Count} notifications missing after the drain arrived once grades.csv had " +
                $"activated every enrollment; {afterGrades.Lost} never arrived.");
        }

        report.Lateness = LostWorkCheck.Lateness(receiver, report.Faults, clock);
        foreach (var cohort in report.Cohorts)
        {
            await ReadSummaryAsync(admin, report, cohort, cancellationToken);
        }
    }

    /// <summary>What the students did, from whatever of them was started.</summary>
    private void Tally(SoakReport report, PollerFleet? pollers, EventStreamFleet? streams, SimulatedFleet? simulated)
    {
        if (pollers is not null)
        {
            var students = pollers.Students;
            report.Pollers = (pollers.Polls, pollers.Downloads, students.Count, students.Count(p => p.Downloader));
        }

        if (streams is not null)
        {
            report.Streams = (streams.Connects, streams.Breaks, streams.RefusedBy, streams.Events, Math.Min(options.EventStreams, report.Pollers.Students));
        }

        if (simulated is not null)
        {
            var members = simulated.Members;
            report.Simulated = (members.Count, simulated.Crashes, members.Sum(m => (long)m.Student.Activity.Throttled),
                members.Sum(m => (long)m.Student.Activity.Problems.Count),
                members.GroupBy(m => m.Student.Archetype.ToString()).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal));
        }
    }

    private static async Task SampleAsync(ProcessSampler sampler, PostgresMonitor monitor, CancellationToken cancellationToken)
    {
        try
        {
            using var timer = new PeriodicTimer(SampleEvery);
            do
            {
                sampler.Sample();
                await monitor.SampleAsync(cancellationToken);
            }
            while (await timer.WaitForNextTickAsync(cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private static async Task SummariesAsync(AdminClient admin, SoakReport report, CancellationToken cancellationToken)
    {
        try
        {
            using var timer = new PeriodicTimer(SummaryEvery);
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                List<CohortRun> cohorts;
                lock (report.Cohorts)
                {
                    cohorts = [.. report.Cohorts.Where(c => c.Id.Length > 0)];
                }

                foreach (var cohort in cohorts)
                {
                    await ReadSummaryAsync(admin, report, cohort, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private static async Task ReadSummaryAsync(AdminClient admin, SoakReport report, CohortRun cohort, CancellationToken cancellationToken)
    {
        var (status, summary) = await admin.SummaryAsync(cohort.Id, cancellationToken);
        using (summary)
        {
            var root = summary?.RootElement;
            int? Int(string a, string? b = null) =>
                root is { } r && r.TryGetProperty(a, out var x) ? b is null ? x.GetInt32() : x.TryGetProperty(b, out var y) ? y.GetInt32() : null : null;
            var reading = new SummaryReading(report.Clock.Seconds, cohort.Id, status, Int("enrolled"), Int("batches", "due"), Int("gradeLevels", "Ungraded") ?? (root is null ? null : 0),
                Int("fetchedLatestRelease"));
            lock (report.Summaries)
            {
                report.Summaries.Add(reading);
            }

            if (root is { } text)
            {
                cohort.LastSummary = text.GetRawText();
            }
        }
    }

    /// <summary>A line every 30 s so a person watching sees the run move.</summary>
    private async Task ProgressAsync(RequestRecorder recorder, PollerFleet pollers, RunClock clock, CancellationToken cancellationToken)
    {
        try
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(30));
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var windows = recorder.Windows.TakeLast(3).ToList();
                var requests = windows.Sum(w => w.Total());
                var errors = windows.Sum(w => w.Errors());
                log.WriteLine($"[+{clock.Seconds:F0}s] last 30 s: {requests / 30.0:F0} req/s, {errors} errors, poll p99 " +
                    $"{windows.LastOrDefault()?.Percentile(0.99, RequestClass.Poll):F0} ms; {pollers.Polls:N0} polls so far; load {ProcFs.LoadAverage()}");
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private static MemoryMark Mark(string label, PlatformCluster cluster, RunClock clock, int enrolled) =>
        new(label, clock.Seconds, cluster.Hosts.ToDictionary(h => h.Name, h => h.Pid is { } pid ? ProcFs.ResidentKiB(pid) : null, StringComparer.Ordinal), enrolled);

    private static async Task IgnoreAsync(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception e) when (e is OperationCanceledException or HttpRequestException or IOException or InvalidOperationException)
        {
        }
    }
}
