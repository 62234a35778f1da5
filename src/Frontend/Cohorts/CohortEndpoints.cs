using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using PPipe.Frontend.Api;
using PPipe.Frontend.Assessment;
using PPipe.Frontend.Cohorts.Monitor;
using PPipe.Grains.Client.Cohorts;
using PPipe.Grains.Client.Roster;
using PPipe.Grains.Client.Scenarios;
using PPipe.Grains.Interfaces.Cohorts;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Grains.Interfaces.Library;
using PPipe.Grains.Interfaces.Roster;

namespace PPipe.Frontend.Cohorts;

/// <summary>Admin routes for cohorts: list, create, read, change the grading, enroll a roster, the roster and one student, pause and resume.</summary>
public static class CohortEndpoints
{
    /// <summary>The largest roster one request (or one upload in the UI) may carry.</summary>
    public const long MaxRosterBytes = 16 * 1024 * 1024;

    /// <summary>The most cohorts one page of the list holds.</summary>
    public const int MaxCohortPageSize = 100;

    /// <summary>The most students one page of a roster holds.</summary>
    public const int MaxStudentPageSize = 500;

    /// <summary>Why a roster over <see cref="MaxRosterBytes"/> is refused.</summary>
    public static readonly string RosterTooLarge =
        $"A roster may be at most {MaxRosterBytes / 1024 / 1024} MiB; split it into several requests.";

    public static RouteGroupBuilder MapCohortEndpoints(this RouteGroupBuilder admin)
    {
        var cohorts = admin.MapGroup("/cohorts");
        cohorts.MapGet("/", ListAsync)
            .WithSummary("List cohorts")
            .WithDescription($"Cohorts, newest first, a page at a time: page from 1, pageSize from 1 to {MaxCohortPageSize} (default 20).");
        cohorts.MapPost("/", CreateAsync)
            .WithSummary("Open a cohort")
            .WithDescription("Body {name, scenarioId, version, startsAt, speed} and optionally late {policy, penalty, cutoff} and grading " +
                "{policy, weights}: policy weighted-mean (the default) or all-proficient, weights for criteria of the scenario's rubric " +
                "by name (0 switches one off). Every field that needs fixing is named in one 422.");
        cohorts.MapGet("/{id}", GetAsync)
            .WithSummary("A cohort")
            .WithDescription("Its settings, clock and status now, and how many students are enrolled.");
        cohorts.MapPut("/{id}/grading", SetGradingAsync)
            .WithSummary("Change the cohort's grading")
            .WithDescription("Body {policy, weights}, as grading when opening the cohort; it replaces the cohort's own grading ({} goes back " +
                "to the scenario's weights and the weighted mean). Only before the cohort starts: 409 once it has, since the grades students " +
                "were shown would change underneath them. 422 names every field to fix, and nothing changes.");
        cohorts.MapPost("/{id}/enrollments", EnrollAsync)
            .DescribesBody<IReadOnlyList<RosterRowRequest>>("text/csv", "application/json")
            .WithSummary("Enroll a roster")
            .WithDescription("text/csv with the header studentId,name,email, or a JSON list of the same fields (or {\"students\": [...]}). " +
                "Every row is checked first: while any row is wrong (a student listed twice, or a student the cohort already has under " +
                "another name or e-mail) nobody is enrolled and the 422 lists every bad row, as the instructors' import does. Each " +
                "student's token is derived from a secret of the cohort, so sending the same roster again (whole, with students added, " +
                "or after a failure part way through) enrolls nobody twice and answers the same tokens again (alreadyEnrolled).");
        cohorts.MapGet("/{id}/students", StudentsAsync)
            .WithSummary("The roster, with progress")
            .WithDescription($"Students with their live progress and level, up to pageSize (1 to {MaxStudentPageSize}, default 100) " +
                "at a time; pass nextCursor back as cursor for the next page.");
        cohorts.MapGet("/{id}/students/{studentId}", StudentAsync)
            .WithSummary("One student's timeline")
            .WithDescription("Releases fetched (with channel), webhook attempts, batches with scores, a summary of the newest probes, " +
                "and the merged timeline, as the instructors' drill-down shows them.");
        cohorts.MapPost("/{id}/students/{studentId}/token", ReissueTokenAsync)
            .WithSummary("Re-issue a student's token")
            .WithDescription("A new token for the student, shown this once, and new bucket keys (GET /api/v1/me shows them). The old " +
                "token and bucket keys are refused by every front end from the moment this answers. The student's data and grade stay. " +
                "Sending the roster again afterwards answers the new token. 409 for a removed student.");
        cohorts.MapDelete("/{id}/students/{studentId}", RemoveStudentAsync)
            .WithSummary("Remove a student")
            .WithDescription("The student's token and bucket keys are refused by every front end from the moment this answers; their " +
                "enrollment stops (no more ticks, probes or webhooks) and they no longer count in the summary, monitor or leaderboard. " +
                "Their data stays: the grades export lists them with status removed. A roster naming a removed student is refused " +
                "(422 naming the row). 409 when the student was removed before.");
        cohorts.MapPost("/{id}/students/{studentId}/reset", ResetStudentAsync)
            .WithSummary("Reset a student's progress")
            .WithDescription("The student starts again at the current scenario time, as a student enrolled now would: fetch records, " +
                "submissions, scores, probes and webhook history are cleared (so the grade starts again), batches already closed score " +
                "nothing. The token, bucket keys, registered endpoint and webhook, extension and copy flags stay. 409 for a removed student.");
        cohorts.MapGet("/{id}/students/{studentId}/grade", StudentGradeAsync)
            .WithSummary("One student's grade")
            .WithDescription("The student's grade as GET /api/v1/grade shows it to them.");
        cohorts.MapGet("/{id}/summary", SummaryAsync)
            .WithSummary("Cohort summary")
            .WithDescription("Counts and distributions: enrolled, fetched the latest release, endpoints up, on-time submissions, grade levels.");
        cohorts.MapPost("/{id}/pause", (string id, IGrainFactory grains, CohortDirectory directory, TimeProvider time) =>
                ChangeAsync(id, grains, directory, time, c => c.PauseAsync()))
            .WithSummary("Pause the cohort's clock")
            .WithDescription("Nothing new is released or due until it resumes. 409 unless the cohort is a draft or running.");
        cohorts.MapPost("/{id}/resume", (string id, IGrainFactory grains, CohortDirectory directory, TimeProvider time) =>
                ChangeAsync(id, grains, directory, time, c => c.ResumeAsync()))
            .WithSummary("Resume the cohort's clock")
            .WithDescription("Scenario time goes on where it stopped. 409 unless the cohort is paused.");
        return admin;
    }

    private static async Task<Results<Ok<CohortList>, InvalidProblem>> ListAsync(IGrainFactory grains, CohortDirectory directory, TimeProvider time,
        int? page, int? pageSize)
    {
        if (PageProblem(page, pageSize, MaxCohortPageSize) is { } problem)
        {
            return problem;
        }

        var size = pageSize ?? 20;
        var number = page ?? 1;
        var entries = await grains.GetGrain<ILibraryGrain>(ILibraryGrain.Key).CohortsAsync();
        var now = time.GetUtcNow();
        var cohorts = new List<CohortView>();
        foreach (var entry in entries.Skip((number - 1) * size).Take(size))
        {
            if (await directory.GetAsync(entry.Id) is { } info)
            {
                cohorts.Add(CohortView.Of(info, now));
            }
        }

        return TypedResults.Ok(new CohortList(cohorts, number, size, entries.Length));
    }

    /// <summary>A 422 naming <c>page</c> or <c>pageSize</c> when either is out of range.</summary>
    public static InvalidProblem? PageProblem(int? page, int? pageSize, int maxPageSize)
    {
        if (page is < 1)
        {
            return ApiProblems.Invalid("The page is not valid.", "page", "page counts from 1.");
        }

        return pageSize is < 1 || pageSize > maxPageSize
            ? ApiProblems.Invalid("The page size is not valid.", "pageSize", $"pageSize must be from 1 to {maxPageSize}.")
            : null;
    }

    private static async Task<Results<Created<CohortView>, InvalidProblem>> CreateAsync(CreateCohortRequest? request, IGrainFactory grains,
        ScenarioCatalog scenarios, TimeProvider time, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            return ApiProblems.Invalid("The cohort is not valid.", "body", "Send {name, scenarioId, version, startsAt, speed} as JSON.");
        }

        var validation = await CohortRequestValidator.ValidateAsync(request, scenarios, cancellationToken);
        if (!validation.IsValid)
        {
            return ApiProblems.Invalid("The cohort is not valid.", $"{validation.Errors.Count} field(s) need fixing.",
                validation.Errors.ToDictionary());
        }

        var info = await OpenAsync(grains, validation.Definition!, validation.ScenarioDuration);
        return TypedResults.Created($"/api/v1/admin/cohorts/{info.Id}", CohortView.Of(info, time.GetUtcNow()));
    }

    private static async Task<Results<Ok<CohortView>, NotFoundProblem>> GetAsync(string id, IGrainFactory grains, TimeProvider time)
    {
        var info = await grains.GetGrain<ICohortGrain>(id).GetAsync();
        return info is null ? NoCohort(id) : TypedResults.Ok(CohortView.Of(info, time.GetUtcNow()));
    }

    private static async Task<Results<Ok<CohortView>, NotFoundProblem, InvalidProblem, ConflictProblem>> SetGradingAsync(string id,
        GradingRequest? request, IGrainFactory grains, ScenarioCatalog scenarios, CohortDirectory directory, TimeProvider time)
    {
        var cohort = grains.GetGrain<ICohortGrain>(id);
        if (await cohort.GetAsync() is not { } info)
        {
            return NoCohort(id);
        }

        if (request is null)
        {
            return ApiProblems.Invalid("The grading is not valid.", "body", "Send {policy, weights} as JSON.");
        }

        var errors = new Dictionary<string, string[]>();
        var grading = CohortRequestValidator.ReadGrading(request, (await scenarios.GetAsync(info.ScenarioId, info.Version)).Grading, "", errors);
        if (errors.Count > 0)
        {
            return ApiProblems.Invalid("The grading is not valid.", $"{errors.Count} field(s) need fixing.", errors);
        }

        try
        {
            var changed = await cohort.SetGradingAsync(grading);
            directory.Invalidate(id);
            return TypedResults.Ok(CohortView.Of(changed, time.GetUtcNow()));
        }
        catch (CohortLifecycleException e)
        {
            return ApiProblems.Conflict("The cohort has started.", e.Message);
        }
    }

    private static async Task<Results<Ok<ReissuedToken>, NotFoundProblem, ConflictProblem>> ReissueTokenAsync(string id, string studentId,
        IGrainFactory grains, RosterEnrollment roster)
    {
        if (await roster.ReissueTokenAsync(id, studentId) is { } token)
        {
            return TypedResults.Ok(new ReissuedToken(studentId, token));
        }

        // Only on the way out: which of cohort or student is missing, or whether the student was removed.
        return await MissingOrRemovedAsync(id, studentId, grains) switch
        {
            { Removed: { } removed } => removed,
            { Missing: { } missing } => missing,
            _ => NoStudent(id, studentId),
        };
    }

    private static async Task<Results<Ok<RemovedStudent>, NotFoundProblem, ConflictProblem>> RemoveStudentAsync(string id, string studentId,
        IGrainFactory grains, RosterEnrollment roster)
    {
        switch (await roster.RemoveAsync(id, studentId))
        {
            case { AlreadyRemoved: false } removal:
                return TypedResults.Ok(new RemovedStudent(studentId, removal.RemovedAt));
            case { } removal:
                return AlreadyRemoved(studentId, removal.RemovedAt);
            default:
                return await grains.GetGrain<ICohortGrain>(id).GetAsync() is null ? NoCohort(id) : NoStudent(id, studentId);
        }
    }

    private static async Task<Results<Ok<ResetStudent>, NotFoundProblem, ConflictProblem>> ResetStudentAsync(string id, string studentId,
        IGrainFactory grains)
    {
        if (await grains.GetGrain<IEnrollmentGrain>(new EnrollmentKey(id, studentId).ToString()).ResetProgressAsync() is { } resetAt)
        {
            return TypedResults.Ok(new ResetStudent(studentId, resetAt));
        }

        return await MissingOrRemovedAsync(id, studentId, grains) switch
        {
            { Removed: { } removed } => removed,
            { Missing: { } missing } => missing,
            _ => NoStudent(id, studentId),
        };
    }

    /// <summary>Why a student's change found nobody: the cohort or the student is missing (404), or the student was removed (409).</summary>
    private static async Task<(NotFoundProblem? Missing, ConflictProblem? Removed)> MissingOrRemovedAsync(string id, string studentId, IGrainFactory grains)
    {
        if (await grains.GetGrain<ICohortGrain>(id).GetAsync() is null)
        {
            return (NoCohort(id), null);
        }

        return await grains.GetGrain<IEnrollmentGrain>(new EnrollmentKey(id, studentId).ToString()).GetAsync() is { RemovedAt: { } removedAt }
            ? (null, AlreadyRemoved(studentId, removedAt))
            : (NoStudent(id, studentId), null);
    }

    private static ConflictProblem AlreadyRemoved(string studentId, DateTimeOffset removedAt) => ApiProblems.Conflict("The student was removed.",
        $"Student '{studentId}' was removed from this cohort on {removedAt:yyyy-MM-dd HH:mm} UTC; their data is kept for the grades export, " +
        "but they have no token and nothing can be changed for them.", new Dictionary<string, object?> { ["removedAt"] = removedAt });

    private static NotFoundProblem NoCohort(string id) => ApiProblems.NotFound($"There is no cohort '{id}'.");

    private static async Task<Results<Ok<EnrollmentResponse>, NotFoundProblem, InvalidProblem, PayloadProblem>> EnrollAsync(string id,
        HttpRequest request, IGrainFactory grains, RosterEnrollment roster, CancellationToken cancellationToken)
    {
        var cohort = grains.GetGrain<ICohortGrain>(id);
        if (await cohort.GetAsync() is null)
        {
            return NoCohort(id);
        }

        if (request.ContentLength > MaxRosterBytes)
        {
            return ApiProblems.TooLarge(RosterTooLarge);
        }

        RosterParser.Result parsed;
        var mediaType = request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (mediaType == "text/csv")
        {
            parsed = await RosterParser.ReadCsvAsync(request.Body, cancellationToken);
        }
        else if (mediaType == "application/json")
        {
            JsonDocument document;
            try
            {
                document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            }
            catch (JsonException e)
            {
                // Answered like every body the API cannot bind: a 400 problem, by the one handler that maps them.
                throw new BadHttpRequestException($"The roster is not valid JSON: {e.Message}", e);
            }

            using (document)
            {
                parsed = RosterParser.ReadJson(document.RootElement);
            }
        }
        else
        {
            return ApiProblems.UnsupportedMediaType("Send the roster as text/csv (studentId,name,email) or application/json.");
        }

        if (parsed.Errors.Count > 0)
        {
            // Nothing is enrolled when any row is wrong: fix the file and send it again.
            return ApiProblems.InvalidRows("The roster has errors; nobody was enrolled.",
                $"{parsed.Errors.Count} problem(s) in the roster. Fix them and send it again.",
                new Dictionary<string, object?> { ["errors"] = parsed.Errors });
        }

        if (await roster.EnrollAsync(id, [.. parsed.Rows]) is not { } outcomes)
        {
            return NoCohort(id);
        }

        if (outcomes.Any(o => o.Error is not null))
        {
            return ApiProblems.InvalidRows("The roster has errors; nobody was enrolled.",
                $"{outcomes.Length} row(s) conflict with the cohort's roster. Fix them and send the roster again.",
                new Dictionary<string, object?> { ["errors"] = outcomes.Select(o => new RosterParser.RowError(o.Row, o.StudentId, "studentId", o.Error!)).ToList() });
        }

        List<EnrollmentResponse.IssuedToken> students = [.. outcomes.Select(o => new EnrollmentResponse.IssuedToken(o.Row, o.StudentId, o.Token!, o.AlreadyEnrolled))];
        var already = students.Count(s => s.AlreadyEnrolled);
        return TypedResults.Ok(new EnrollmentResponse(students.Count - already, 0, students, [], already));
    }

    private static async Task<Results<Ok<RosterPage>, NotFoundProblem, InvalidProblem>> StudentsAsync(string id, IGrainFactory grains,
        CohortDirectory directory, string? cursor, int? pageSize)
    {
        if (PageProblem(null, pageSize, MaxStudentPageSize) is { } problem)
        {
            return problem;
        }

        if (!TryReadCursor(cursor, out var page, out var skip))
        {
            return ApiProblems.Invalid("The cursor is not valid.", "cursor", "Pass back the nextCursor of the previous page, unchanged.");
        }

        if (await directory.GetAsync(id) is null)
        {
            return NoCohort(id);
        }

        // One call per roster page, each answering all of its students (in enrollment order, which only grows).
        var size = pageSize ?? 100;
        var students = new List<RosterStudent>(size);
        for (; page < RosterPages.Count; page++, skip = 0)
        {
            var rows = (await grains.GetGrain<IRosterPageGrain>(RosterPages.KeyOf(id, page)).ChangesAsync(Guid.Empty, 0)).Rows;
            var taken = rows.Skip(skip).Take(size - students.Count).Select(RosterStudent.Of).ToList();
            students.AddRange(taken);
            if (students.Count == size)
            {
                var next = skip + taken.Count;
                return TypedResults.Ok(new RosterPage(students, next < rows.Length ? Cursor(page, next) : page + 1 < RosterPages.Count ? Cursor(page + 1, 0) : null));
            }
        }

        return TypedResults.Ok(new RosterPage(students, null));
    }

    private static string Cursor(int page, int skip) => string.Create(CultureInfo.InvariantCulture, $"{page}.{skip}");

    private static bool TryReadCursor(string? cursor, out int page, out int skip)
    {
        page = 0;
        skip = 0;
        if (cursor is null)
        {
            return true;
        }

        var parts = cursor.Split('.');
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out page) && page < RosterPages.Count
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out skip);
    }

    private static async Task<Results<Ok<StudentDetailResponse>, NotFoundProblem>> StudentAsync(string id, string studentId, IGrainFactory grains,
        ScenarioCatalog scenarios, TimeProvider time)
    {
        if (await grains.GetGrain<ICohortGrain>(id).GetAsync() is not { } cohort)
        {
            return NoCohort(id);
        }

        var enrollment = grains.GetGrain<IEnrollmentGrain>(new EnrollmentKey(id, studentId).ToString());
        if (await enrollment.GetAsync() is not { } student)
        {
            return NoStudent(id, studentId);
        }

        var batches = await enrollment.GetBatchesAsync();
        var probes = await enrollment.GetProbesAsync(StudentDetailResponse.ProbesShown);
        var schedule = scenarios.ScheduleOf(await scenarios.GetAsync(cohort.ScenarioId, cohort.Version));
        var timeline = StudentTimeline.Build(cohort, schedule, student, batches, time.GetUtcNow());
        return TypedResults.Ok(StudentDetailResponse.Of(student, batches, probes, timeline));
    }

    private static async Task<Results<Ok<GradeResponse>, NotFoundProblem>> StudentGradeAsync(string id, string studentId, IGrainFactory grains)
    {
        if (await grains.GetGrain<ICohortGrain>(id).GetAsync() is null)
        {
            return NoCohort(id);
        }

        var enrollment = grains.GetGrain<IEnrollmentGrain>(new EnrollmentKey(id, studentId).ToString());
        if (await enrollment.GetAsync() is null)
        {
            return NoStudent(id, studentId);
        }

        return TypedResults.Ok(GradeResponse.Of(await enrollment.GetGradeAsync()));
    }

    private static NotFoundProblem NoStudent(string id, string studentId) => ApiProblems.NotFound($"There is no student '{studentId}' in cohort '{id}'.");

    private static async Task<Results<Ok<CohortSummaryResponse>, NotFoundProblem>> SummaryAsync(string id, IGrainFactory grains,
        ScenarioCatalog scenarios, CohortSummaries summaries, TimeProvider time)
    {
        var cohort = grains.GetGrain<ICohortGrain>(id);
        if (await cohort.GetAsync() is not { } info)
        {
            return NoCohort(id);
        }

        var now = time.GetUtcNow();
        var schedule = scenarios.ScheduleOf(await scenarios.GetAsync(info.ScenarioId, info.Version));
        var elapsed = info.Clock.ElapsedAt(now);
        var latest = schedule.ReleasesAvailableAt(elapsed).Select(r => r.Seq).DefaultIfEmpty(0).Max();
        var summary = await summaries.SummarizeAsync(id, latest);
        return TypedResults.Ok(new CohortSummaryResponse(
            CohortView.Of(info, now),
            info.Clock.StartsAt + elapsed,
            summary.Enrolled,
            new CohortSummaryResponse.ReleaseCounts(schedule.ReleasesAvailableAt(elapsed).Count, summary.LatestRelease, schedule.Releases.Count),
            summary.FetchedLatestRelease,
            summary.FetchedAnyRelease,
            new CohortSummaryResponse.EndpointCounts(summary.EndpointsRegistered, summary.EndpointsUp),
            new CohortSummaryResponse.BatchCounts(summary.DueBatches, summary.OnTimeBatches),
            summary.Levels ?? System.Collections.Immutable.ImmutableDictionary<string, int>.Empty,
            summary.AsOf));
    }

    private static async Task<Results<Ok<CohortView>, NotFoundProblem, ConflictProblem>> ChangeAsync(string id, IGrainFactory grains,
        CohortDirectory directory, TimeProvider time, Func<ICohortGrain, Task<CohortInfo>> change)
    {
        var cohort = grains.GetGrain<ICohortGrain>(id);
        if (await cohort.GetAsync() is null)
        {
            return NoCohort(id);
        }

        try
        {
            var changed = await change(cohort);
            directory.Invalidate(id);
            return TypedResults.Ok(CohortView.Of(changed, time.GetUtcNow()));
        }
        catch (CohortLifecycleException e)
        {
            return ApiProblems.Conflict(e.Message);
        }
    }

    /// <summary>Opens a validated cohort under a new id and returns it as stored.</summary>
    public static async Task<CohortInfo> OpenAsync(IGrainFactory grains, CohortDefinition definition, TimeSpan scenarioDuration)
    {
        var id = NewId();
        var cohort = grains.GetGrain<ICohortGrain>(id);
        await cohort.CreateAsync(definition, scenarioDuration);
        // The history samples the cohort from its creation on (a monitor opened later shows the whole run).
        await grains.GetGrain<ICohortHistoryGrain>(id).StartAsync();
        return (await cohort.GetAsync())!;
    }

    private static string NewId() => "c-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
}
