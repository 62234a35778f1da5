using PPipe.Cluster.Soak.Admin;
using PPipe.Cluster.Soak.Load;
using PPipe.Scenarios.Spec;
using PPipe.Scenarios.Timeline;

namespace PPipe.Cluster.Soak;

/// <summary>
/// Opens the run's cohorts and enrolls their rosters as an instructor's script would: one CSV upload per cohort
/// (retried once, as a person would, when it fails), then the same roster again to see that nothing changes.
/// </summary>
public sealed class CohortEnroller(AdminClient admin, StudentClient students, SoakOptions options, RunClock clock, TextWriter log)
{
    private const int CreateAttempts = 5;
    private const int TokensSampledAfterRepeat = 20;
    private bool _splitRosters;

    /// <summary>
    /// Creates cohort <paramref name="index"/> on <paramref name="template"/>, started in the past so that it is
    /// <see cref="SoakOptions.ScenarioLead"/> before its endpoint requirement now: releases, deadlines and probes then
    /// fall inside the run.
    /// </summary>
    public async Task<CohortRun> CreateAsync(int index, TemplateInfo template, int size, CancellationToken cancellationToken)
    {
        var read = ScenarioSpecReader.Read(template.Spec);
        if (!read.IsValid)
        {
            throw new InvalidOperationException($"The platform's template '{template.Id}' does not read: {string.Join("; ", read.Errors)}");
        }

        var schedule = new ScenarioSchedule(read.Scenario);
        var (rows, simulated) = RosterBuilder.Build(index, size, Math.Min(options.SimulatedPerCohort, size));
        var cohort = new CohortRun(index, template.Id, schedule, rows, simulated) { Speed = options.Speed };
        var scenarioNow = read.Scenario.Endpoint is { } endpoint && endpoint.From > options.ScenarioLead ? endpoint.From - options.ScenarioLead : TimeSpan.Zero;
        var startsAt = DateTimeOffset.UtcNow - scenarioNow / options.Speed;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                (cohort.Id, cohort.StartsAt) = await admin.CreateCohortAsync($"Soak {index:00} {template.Id}", template.Id, startsAt, options.Speed, cancellationToken);
                return cohort;
            }
            catch (HttpRequestException e) when (attempt < CreateAttempts)
            {
                log.WriteLine($"Creating cohort {index} failed ({e.Message}); retrying");
                await Task.Delay(TimeSpan.FromSeconds(2 * attempt), cancellationToken);
            }
        }
    }

    /// <summary>
    /// Uploads the roster in one request; when the answer is not a 200, waits a little and uploads it once more. After a
    /// failure, later cohorts go in chunks of <see cref="SoakOptions.RosterChunkAfterFailure"/> rows (each chunk the same way).
    /// </summary>
    public async Task EnrollAsync(CohortRun cohort, CancellationToken cancellationToken)
    {
        var size = _splitRosters && options.RosterChunkAfterFailure > 0 ? options.RosterChunkAfterFailure : cohort.Roster.Count;
        cohort.Chunked = size < cohort.Roster.Count;
        for (var start = 0; start < cohort.Roster.Count; start += size)
        {
            var rows = cohort.Roster.Skip(start).Take(size).ToList();
            if (!await UploadAsync(cohort, rows, cancellationToken) && options.RosterChunkAfterFailure > 0)
            {
                _splitRosters = true;
            }
        }
    }

    private async Task<bool> UploadAsync(CohortRun cohort, IReadOnlyList<RosterRow> rows, CancellationToken cancellationToken)
    {
        var csv = RosterBuilder.Csv(rows);
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            var upload = await admin.EnrollAsync(cohort.Id, csv, rows.Count, cancellationToken);
            cohort.Uploads.Add(upload);
            foreach (var (student, token) in upload.Tokens)
            {
                cohort.Tokens[student] = token;
            }

            log.WriteLine($"[+{clock.Seconds:F0}s] cohort {cohort.Index} {cohort.Id} ({cohort.Template}) {rows.Count:N0} rows, upload {attempt}: " +
                $"{upload.Status} in {upload.Elapsed.TotalSeconds:F1} s, {upload.Enrolled:N0} enrolled, {upload.AlreadyEnrolled:N0} already enrolled" +
                (upload.Failure is null ? "" : $" — {upload.Failure}"));
            if (upload.Status == 200)
            {
                return attempt == 1;
            }

            await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
        }

        return false;
    }

    /// <summary>
    /// Uploads the same roster again: nothing should change. Records the answer, whether a sample of the tokens
    /// already handed out still opens its enrollment, and the enrolled count of the cohort and its summary.
    /// </summary>
    public async Task RepeatAsync(CohortRun cohort, CancellationToken cancellationToken)
    {
        var started = clock.Seconds;
        cohort.Repeat = await admin.EnrollAsync(cohort.Id, RosterBuilder.Csv(cohort.Roster), cohort.Roster.Count, cancellationToken);
        cohort.TokensChangedByRepeat = cohort.Repeat.Status == 200
            ? cohort.Tokens.Count(t => !cohort.Repeat.Tokens.TryGetValue(t.Key, out var again) || again != t.Value)
            : null;
        var sample = cohort.Tokens.Values.OrderBy(_ => Random.Shared.Next()).Take(TokensSampledAfterRepeat).ToList();
        var valid = 0;
        await Parallel.ForEachAsync(sample, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (token, ct) =>
        {
            var (status, body) = await students.GetAsync(token, "/api/v1/me", ct);
            body?.Dispose();
            if (status == 200)
            {
                Interlocked.Increment(ref valid);
            }
        });

        cohort.TokensAfterRepeat = (sample.Count, valid);
        var (_, summary) = await admin.SummaryAsync(cohort.Id, cancellationToken);
        using (summary)
        {
            var fromSummary = summary?.RootElement.GetProperty("enrolled").GetInt32();
            var fromCohort = summary?.RootElement.GetProperty("cohort").GetProperty("enrolled").GetInt32();
            cohort.EnrolledAfterRepeat = (fromCohort, fromSummary);
        }

        var repeat = cohort.Repeat;
        log.WriteLine($"[+{clock.Seconds:F0}s] cohort {cohort.Index} repeat upload (checks took {clock.Seconds - started:F0} s): {repeat.Status} in {repeat.Elapsed.TotalSeconds:F1} s, {repeat.Enrolled} enrolled, {repeat.AlreadyEnrolled} already enrolled, {cohort.TokensChangedByRepeat?.ToString() ?? "?"} tokens changed; " +
            $"{valid}/{sample.Count} sampled tokens still valid; enrolled now {cohort.EnrolledAfterRepeat.Cohort} (cohort) / {cohort.EnrolledAfterRepeat.Summary} (summary)");
    }

    /// <summary>Registers a webhook for each student on the receiver; the receiver learns each secret.</summary>
    public async Task RegisterWebhooksAsync(CohortRun cohort, IEnumerable<(string StudentId, string Token)> registering, WebhookReceiver receiver,
        CancellationToken cancellationToken)
    {
        var refused = 0;
        await Parallel.ForEachAsync(registering, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (student, ct) =>
        {
            var (status, secret) = await students.RegisterWebhookAsync(student.Token, receiver.UrlFor(cohort.Id, student.StudentId), ct);
            if (secret is null)
            {
                Interlocked.Increment(ref refused);
                log.WriteLine($"Webhook registration for {cohort.Id}/{student.StudentId} answered {status}");
                return;
            }

            receiver.Registered(new WebhookRegistration(cohort.Id, student.StudentId, secret, DateTimeOffset.UtcNow));
        });
        if (refused > 0)
        {
            log.WriteLine($"cohort {cohort.Index}: {refused} webhook registrations failed");
        }
    }
}
