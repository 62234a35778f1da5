using System.Security.Cryptography;
using System.Text.Json;
using PPipe.Frontend.Api;
using PPipe.Grains.Interfaces.Cohorts;
using PPipe.Grains.Client.Scenarios;
using PPipe.Grains.Client.Cohorts;

namespace PPipe.Frontend.Cohorts;

/// <summary>Admin routes for cohorts: create, enroll a roster, pause and resume.</summary>
public static class CohortEndpoints
{
    /// <summary>The largest roster one request (or one upload in the UI) may carry.</summary>
    public const long MaxRosterBytes = 16 * 1024 * 1024;

    /// <summary>Why a roster over <see cref="MaxRosterBytes"/> is refused.</summary>
    public static readonly string RosterTooLarge =
        $"A roster may be at most {MaxRosterBytes / 1024 / 1024} MiB; split it into several requests.";

    public static RouteGroupBuilder MapCohortEndpoints(this RouteGroupBuilder admin)
    {
        var cohorts = admin.MapGroup("/cohorts");
        cohorts.MapPost("/", CreateAsync);
        cohorts.MapGet("/{id}", GetAsync);
        cohorts.MapPost("/{id}/enrollments", EnrollAsync);
        cohorts.MapGet("/{id}/summary", SummaryAsync);
        cohorts.MapPost("/{id}/pause", (string id, IGrainFactory grains, CohortDirectory directory, TimeProvider time) =>
            ChangeAsync(id, grains, directory, time, c => c.PauseAsync()));
        cohorts.MapPost("/{id}/resume", (string id, IGrainFactory grains, CohortDirectory directory, TimeProvider time) =>
            ChangeAsync(id, grains, directory, time, c => c.ResumeAsync()));
        return admin;
    }

    public sealed record CreateCohortRequest(string? Name, string? ScenarioId, int? Version, DateTimeOffset? StartsAt, double? Speed, LateRequest? Late = null);

    /// <summary>A cohort's own late policy: <c>accept</c>, <c>reject</c> or <c>penalty</c>, the penalty fraction, and a cutoff duration.</summary>
    public sealed record LateRequest(string? Policy, double? Penalty, string? Cutoff);

    public sealed record CohortView(string Id, string Name, string ScenarioId, int Version, DateTimeOffset StartsAt, double Speed,
        string Status, int Enrolled, TimeSpan Duration);

    private static async Task<IResult> CreateAsync(CreateCohortRequest? request, IGrainFactory grains, ScenarioCatalog scenarios,
        TimeProvider time, CancellationToken cancellationToken)
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
        return Results.Created($"/api/v1/admin/cohorts/{info.Id}", View(info, time.GetUtcNow()));
    }

    private static async Task<IResult> GetAsync(string id, IGrainFactory grains, TimeProvider time)
    {
        var info = await grains.GetGrain<ICohortGrain>(id).GetAsync();
        return info is null ? ApiProblems.NotFound($"There is no cohort '{id}'.") : Results.Ok(View(info, time.GetUtcNow()));
    }

    private static async Task<IResult> EnrollAsync(string id, HttpRequest request, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var cohort = grains.GetGrain<ICohortGrain>(id);
        if (await cohort.GetAsync() is null)
        {
            return ApiProblems.NotFound($"There is no cohort '{id}'.");
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
                return ApiProblems.Invalid("The roster is not valid JSON.", "body", $"The JSON does not parse: {e.Message}");
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
            return Results.Problem(
                statusCode: StatusCodes.Status422UnprocessableEntity,
                title: "The roster has errors; nobody was enrolled.",
                detail: $"{parsed.Errors.Count} problem(s) in the roster. Fix them and send it again.",
                extensions: new Dictionary<string, object?> { ["errors"] = parsed.Errors });
        }

        var outcomes = await cohort.EnrollAsync([.. parsed.Rows]);
        var enrolled = outcomes.Where(o => o.Token is not null).Select(o => new { o.Row, o.StudentId, o.Token }).ToList();
        var refused = outcomes.Where(o => o.Error is not null).Select(o => new { o.Row, o.StudentId, o.Error }).ToList();
        var body = new { enrolled = enrolled.Count, refused = refused.Count, students = enrolled, errors = refused };
        return Results.Ok(body);
    }

    private static async Task<IResult> SummaryAsync(string id, IGrainFactory grains, ScenarioCatalog scenarios, TimeProvider time)
    {
        var cohort = grains.GetGrain<ICohortGrain>(id);
        if (await cohort.GetAsync() is not { } info)
        {
            return ApiProblems.NotFound($"There is no cohort '{id}'.");
        }

        var now = time.GetUtcNow();
        var schedule = scenarios.ScheduleOf(await scenarios.GetAsync(info.ScenarioId, info.Version));
        var elapsed = info.Clock.ElapsedAt(now);
        var latest = schedule.ReleasesAvailableAt(elapsed).Select(r => r.Seq).DefaultIfEmpty(0).Max();
        var summary = await cohort.SummarizeAsync(latest);
        return Results.Ok(new
        {
            cohort = View(info, now),
            scenarioNow = info.Clock.StartsAt + elapsed,
            enrolled = summary.Enrolled,
            releases = new { available = schedule.ReleasesAvailableAt(elapsed).Count, latest = summary.LatestRelease, total = schedule.Releases.Count },
            fetchedLatestRelease = summary.FetchedLatestRelease,
            fetchedAnyRelease = summary.FetchedAnyRelease,
            endpoints = new { registered = summary.EndpointsRegistered, up = summary.EndpointsUp },
            batches = new { due = summary.DueBatches, onTime = summary.OnTimeBatches },
            gradeLevels = summary.Levels ?? System.Collections.Immutable.ImmutableDictionary<string, int>.Empty,
            asOf = summary.AsOf,
        });
    }

    private static async Task<IResult> ChangeAsync(string id, IGrainFactory grains, CohortDirectory directory, TimeProvider time,
        Func<ICohortGrain, Task<CohortInfo>> change)
    {
        var cohort = grains.GetGrain<ICohortGrain>(id);
        if (await cohort.GetAsync() is null)
        {
            return ApiProblems.NotFound($"There is no cohort '{id}'.");
        }

        try
        {
            var changed = await change(cohort);
            directory.Invalidate(id);
            return Results.Ok(View(changed, time.GetUtcNow()));
        }
        catch (CohortLifecycleException e)
        {
            return ApiProblems.Conflict(e.Message);
        }
    }

    private static CohortView View(CohortInfo info, DateTimeOffset now) => new(
        info.Id, info.Name, info.ScenarioId, info.Version, info.Clock.StartsAt, info.Clock.Speed,
        info.StatusAt(now).ToString().ToLowerInvariant(), info.Enrolled, info.Duration);

    /// <summary>Opens a validated cohort under a new id and returns it as stored.</summary>
    public static async Task<CohortInfo> OpenAsync(IGrainFactory grains, CohortDefinition definition, TimeSpan scenarioDuration)
    {
        var cohort = grains.GetGrain<ICohortGrain>(NewId());
        await cohort.CreateAsync(definition, scenarioDuration);
        return (await cohort.GetAsync())!;
    }

    private static string NewId() => "c-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
}
