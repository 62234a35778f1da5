using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using PPipe.Frontend.Api;
using PPipe.Frontend.Cohorts;
using PPipe.Grains.Client.Surveys;
using PPipe.Grains.Interfaces.Cohorts;
using PPipe.Grains.Interfaces.Surveys;
using PPipe.Scenarios.Surveys;

namespace PPipe.Frontend.Surveys;

/// <summary>
/// Admin routes for surveys: upload, list and read instrument versions, and attach a pre- and a post-survey to a cohort with
/// the windows they take answers in.
/// </summary>
public static class SurveyAdminEndpoints
{
    public const int MaxSpecBytes = 256 * 1024;
    public const int MaxPageSize = 100;
    private static readonly string[] SpecMediaTypes = ["application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", "application/json", "text/plain"];

    public static RouteGroupBuilder MapSurveyAdminEndpoints(this RouteGroupBuilder admin)
    {
        admin.MapGet("/surveys/instruments", ListAsync)
            .WithSummary("List survey instruments")
            .WithDescription($"The built-in instruments, then uploaded ones, most recently updated first: page from 1, pageSize from 1 to {MaxPageSize} (default 20).");
        admin.MapPost("/surveys/instruments", UploadAsync)
            .DescribesBody<string>("application/yaml", "application/json")
            .WithSummary("Upload a survey instrument version")
            .WithDescription("An instrument spec as YAML (or JSON of the same structure), at most 256 KiB, naming its id and version. 201 with " +
                "{id, version}; 200 when that version is stored already with exactly this text; 409 when it is stored with other text " +
                "(versions never change: upload a new version) or the id is a built-in instrument's; 422 lists every problem with its path.");
        admin.MapGet("/surveys/instruments/{id}", VersionsAsync)
            .WithSummary("A survey instrument's versions");
        admin.MapGet("/surveys/instruments/{id}/versions/{version}", SpecAsync)
            .Produces<string>(StatusCodes.Status200OK, "application/yaml")
            .WithSummary("An instrument version's spec")
            .WithDescription("The spec text exactly as uploaded (for a built-in instrument, as built in), answer key included.");
        admin.MapGet("/cohorts/{id}/surveys", SettingsAsync)
            .WithSummary("A cohort's surveys and responses")
            .WithDescription("The pre- and post-survey (null when not attached) with their instrument and window, and how many students are " +
                "enrolled, submitted each survey, and gave or withdrew research consent.");
        admin.MapPut("/cohorts/{id}/surveys", SetAsync)
            .WithSummary("Attach surveys to a cohort")
            .WithDescription("Body {\"pre\": {instrumentId, version, opensAt, closesAt}, \"post\": {...}, \"feedback\": {...}}; a survey left out or null is not attached. " +
                "The course feedback (the built-in course-feedback, for instance) closes after the cohort starts. " +
                "The pre-survey opens before the cohort ends and closes no later than the post-survey opens; the post-survey closes after " +
                "the cohort starts; neither reaches more than 90 days beyond the cohort. A survey can change until its window opens: then 409. " +
                "422 names every field to fix, and nothing changes.");
        return admin;
    }

    private static async Task<Results<Ok<InstrumentList>, InvalidProblem>> ListAsync(IGrainFactory grains, int? page, int? pageSize)
    {
        if (CohortEndpoints.PageProblem(page, pageSize, MaxPageSize) is { } problem)
        {
            return problem;
        }

        var size = pageSize ?? 20;
        var number = page ?? 1;
        var uploaded = await grains.GetGrain<ISurveyLibraryGrain>(ISurveyLibraryGrain.Key).ListAsync();
        var all = BuiltInInstruments.Versions
            .GroupBy(v => v.Instrument.Id)
            .Select(g => g.MaxBy(v => v.Instrument.Version).Instrument)
            .Select(i => new InstrumentList.InstrumentEntry(i.Id, i.Title, i.Version, BuiltIn: true, UpdatedAt: null))
            .Concat(uploaded.Select(e => new InstrumentList.InstrumentEntry(e.Id, e.Title, e.LatestVersion, BuiltIn: false, e.UpdatedAt)))
            .ToList();
        return TypedResults.Ok(new InstrumentList([.. all.Skip((number - 1) * size).Take(size)], number, size, all.Count));
    }

    private static async Task<Results<Created<InstrumentCreated>, Ok<InstrumentCreated>, ConflictProblem, InvalidProblem, PayloadProblem>> UploadAsync(
        HttpRequest request, IGrainFactory grains, CancellationToken ct)
    {
        var mediaType = request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (mediaType is null || !SpecMediaTypes.Contains(mediaType))
        {
            return ApiProblems.UnsupportedMediaType("Send the instrument spec as application/yaml (or application/json with the same structure).");
        }

        if (request.ContentLength > MaxSpecBytes || await ReadLimitedAsync(request.Body, MaxSpecBytes, ct) is not { } text)
        {
            return ApiProblems.TooLarge($"An instrument spec may be at most {MaxSpecBytes / 1024} KiB.");
        }

        // Read here first for the id that names the grain; the grain reads it again before it stores anything.
        var read = SurveySpecReader.Read(text);
        if (!read.IsValid)
        {
            return Problems(read.Errors.Select(e => new InstrumentSpecProblem(e.Path, e.Message)).ToList());
        }

        var upload = await grains.GetGrain<ISurveyInstrumentGrain>(read.Instrument.Id).AddVersionAsync(text);
        var stored = new InstrumentCreated(read.Instrument.Id, read.Instrument.Version);
        return upload.Status switch
        {
            InstrumentUploadStatus.Added => TypedResults.Created($"/api/v1/admin/surveys/instruments/{stored.Id}/versions/{stored.Version}", stored),
            InstrumentUploadStatus.Unchanged => TypedResults.Ok(stored),
            InstrumentUploadStatus.Conflict => ApiProblems.Conflict("The instrument version cannot be stored.", upload.Detail),
            _ => Problems(upload.Problems),
        };
    }

    private static async Task<Results<Ok<InstrumentVersions>, NotFoundProblem>> VersionsAsync(string id, IGrainFactory grains)
    {
        var builtIn = BuiltInInstruments.Versions.Where(v => v.Instrument.Id == id).Select(v => v.Instrument).OrderBy(i => i.Version).ToList();
        if (builtIn.Count > 0)
        {
            return TypedResults.Ok(new InstrumentVersions(id, true, [.. builtIn.Select(i => new InstrumentVersions.VersionEntry(i.Version, i.Title, null))]));
        }

        var versions = await grains.GetGrain<ISurveyInstrumentGrain>(id).ListAsync();
        return versions.IsEmpty
            ? ApiProblems.NotFound($"There is no survey instrument '{id}'.")
            : TypedResults.Ok(new InstrumentVersions(id, false, [.. versions.Select(v => new InstrumentVersions.VersionEntry(v.Version, v.Title, v.CreatedAt))]));
    }

    private static async Task<Results<ContentHttpResult, NotFoundProblem>> SpecAsync(string id, int version, IGrainFactory grains)
    {
        var text = BuiltInInstruments.TextOf(id, version)
            ?? (BuiltInInstruments.IsReserved(id) ? null : (await grains.GetGrain<ISurveyInstrumentGrain>(id).GetVersionAsync(version))?.SpecText);
        return text is null
            ? ApiProblems.NotFound($"There is no version {version} of survey instrument '{id}'.")
            : TypedResults.Text(text, "application/yaml");
    }

    private static async Task<Results<Ok<SurveySettingsView>, NotFoundProblem>> SettingsAsync(string id, IGrainFactory grains,
        SurveyInstrumentCatalog instruments, TimeProvider time)
    {
        if (await grains.GetGrain<ICohortGrain>(id).GetAsync() is not { } cohort)
        {
            return NoCohort(id);
        }

        return TypedResults.Ok(await ViewAsync(cohort, await grains.GetGrain<ICohortSurveysGrain>(id).GetAsync(), grains, instruments, time.GetUtcNow()));
    }

    private static async Task<Results<Ok<SurveySettingsView>, NotFoundProblem, InvalidProblem, ConflictProblem>> SetAsync(string id,
        SurveySettingsRequest? request, IGrainFactory grains, SurveyInstrumentCatalog instruments, TimeProvider time)
    {
        if (await grains.GetGrain<ICohortGrain>(id).GetAsync() is not { } cohort)
        {
            return NoCohort(id);
        }

        if (request is null)
        {
            return ApiProblems.Invalid("The surveys are not valid.", "body", "Send {\"pre\": {instrumentId, version, opensAt, closesAt}, \"post\": {...}} as JSON.");
        }

        var outcome = await SurveySettingsChange.ApplyAsync(cohort, request, grains, instruments);
        if (outcome.Errors.Count > 0)
        {
            return ApiProblems.Invalid("The surveys are not valid.", $"{outcome.Errors.Count} field(s) need fixing; nothing changed.", outcome.Errors);
        }

        if (outcome.Refused is { } refused)
        {
            return ApiProblems.Conflict("The survey has opened.", outcome.Detail,
                new Dictionary<string, object?> { ["field"] = SurveyKinds.Name(refused) });
        }

        return TypedResults.Ok(await ViewAsync(cohort, outcome.Surveys!, grains, instruments, time.GetUtcNow()));
    }

    internal static async Task<SurveySettingsView> ViewAsync(CohortInfo cohort, CohortSurveys surveys, IGrainFactory grains,
        SurveyInstrumentCatalog instruments, DateTimeOffset now)
    {
        var counts = await SurveyResponses.CountAsync(grains, cohort.Id);
        return new SurveySettingsView(cohort.Id,
            SurveySettingsView.WindowOf(surveys.Pre, await TitleAsync(surveys.Pre), now),
            SurveySettingsView.WindowOf(surveys.Post, await TitleAsync(surveys.Post), now),
            new SurveySettingsView.ResponsesView(cohort.Enrolled, counts.PreSubmitted, counts.PostSubmitted, counts.Consenting, counts.Withdrawn,
                counts.FeedbackSubmitted),
            SurveySettingsView.WindowOf(surveys.Feedback, await TitleAsync(surveys.Feedback), now));

        async Task<string?> TitleAsync(SurveySchedule? schedule) =>
            schedule is null ? null : (await instruments.FindAsync(schedule.InstrumentId, schedule.Version))?.Title;
    }

    private static InvalidProblem Problems(IReadOnlyList<InstrumentSpecProblem> problems) =>
        ApiProblems.InvalidRows("The instrument spec is not valid.", $"{problems.Count} problem(s) in the spec; each names its path.",
            new Dictionary<string, object?> { ["errors"] = problems.Select(p => new InstrumentProblemView(p.Path, p.Message)).ToList() });

    private static NotFoundProblem NoCohort(string id) => ApiProblems.NotFound($"There is no cohort '{id}'.");

    /// <summary>Reads a UTF-8 body, or null when it is longer than <paramref name="limit"/> bytes (chunked bodies have no Content-Length).</summary>
    private static async Task<string?> ReadLimitedAsync(Stream body, int limit, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
