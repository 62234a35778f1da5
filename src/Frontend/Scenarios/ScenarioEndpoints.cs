using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using PPipe.Frontend.Api;
using PPipe.Grains.Interfaces.Library;
using PPipe.Grains.Interfaces.Scenarios;
using PPipe.Scenarios.Templates;

namespace PPipe.Frontend.Scenarios;

/// <summary>Admin routes for scenarios: list and upload specs (YAML or JSON), list versions, browse the templates.</summary>
public static class ScenarioEndpoints
{
    public const int MaxSpecBytes = 256 * 1024;
    private static readonly string[] SpecMediaTypes = ["application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", "application/json", "text/plain"];

    /// <summary>The most scenarios one page of the list holds.</summary>
    public const int MaxPageSize = 100;

    public static RouteGroupBuilder MapScenarioEndpoints(this RouteGroupBuilder admin)
    {
        admin.MapGet("/templates", () => TypedResults.Ok<IReadOnlyList<TemplateView>>([.. ScenarioTemplates.All.Select(TemplateView.Of)]))
            .WithSummary("Built-in scenario templates")
            .WithDescription("Every template with its task, target, metric, duration, briefing and full YAML spec.");
        admin.MapGet("/scenarios", ListAsync)
            .WithSummary("List uploaded scenarios")
            .WithDescription($"Uploaded scenarios, newest first, with their latest version: page from 1, pageSize from 1 to {MaxPageSize} (default 20).");
        admin.MapPost("/scenarios", (HttpRequest request, ScenarioSpecs specs, CancellationToken ct) =>
                AddVersionAsync(ScenarioIds.New(), created: true, request, specs, ct))
            .DescribesBody<string>("application/yaml", "application/json")
            .WithSummary("Upload a scenario")
            .WithDescription("A scenario spec as YAML (or JSON of the same structure), at most 256 KiB. 201 with its new id and " +
                "version 1; 422 lists every validation error with its path in the spec. A spec over a dataset (`dataset: {id, version}`) is " +
                "read against the version's rows and the reference models are fitted before it is stored, which takes seconds to a minute.");
        admin.MapPost("/scenarios/{id}/versions", AddVersionToAsync)
            .DescribesBody<string>("application/yaml", "application/json")
            .WithSummary("Upload a new version of a scenario")
            .WithDescription("As uploading a scenario; the version is the next number. Cohorts keep the version they run.");
        admin.MapGet("/scenarios/{id}", GetAsync)
            .WithSummary("An uploaded scenario")
            .WithDescription("Its versions, oldest first, with their titles and upload times.");
        admin.MapGet("/scenarios/{id}/versions/{version}", GetVersionAsync)
            .Produces<string>(StatusCodes.Status200OK, "application/yaml")
            .WithSummary("A scenario version's spec")
            .WithDescription("The spec text exactly as uploaded.");
        return admin;
    }

    private static async Task<Results<Ok<ScenarioList>, InvalidProblem>> ListAsync(IGrainFactory grains, int? page, int? pageSize)
    {
        if (PPipe.Frontend.Cohorts.CohortEndpoints.PageProblem(page, pageSize, MaxPageSize) is { } problem)
        {
            return problem;
        }

        var size = pageSize ?? 20;
        var number = page ?? 1;
        var entries = await grains.GetGrain<ILibraryGrain>(ILibraryGrain.Key).ScenariosAsync();
        return TypedResults.Ok(new ScenarioList(
            [.. entries.Skip((number - 1) * size).Take(size).Select(e => new ScenarioList.ScenarioEntry(e.Id, e.Title, e.Version, e.CreatedAt))],
            number, size, entries.Length));
    }

    private static async Task<Results<Created<ScenarioCreated>, Ok<ScenarioCreated>, NotFoundProblem, InvalidProblem, PayloadProblem>> AddVersionToAsync(
        string id, HttpRequest request, IGrainFactory grains, ScenarioSpecs specs, CancellationToken ct) =>
        (await grains.GetGrain<IScenarioGrain>(id).ListAsync()).IsEmpty
            ? ApiProblems.NotFound($"There is no scenario '{id}'. Upload a new one with POST /api/v1/admin/scenarios.")
            : await AddVersionAsync(id, created: false, request, specs, ct);

    private static async Task<Results<Ok<ScenarioVersions>, NotFoundProblem>> GetAsync(string id, IGrainFactory grains)
    {
        var versions = await grains.GetGrain<IScenarioGrain>(id).ListAsync();
        return versions.IsEmpty
            ? ApiProblems.NotFound($"There is no scenario '{id}'.")
            : TypedResults.Ok(new ScenarioVersions(id, [.. versions.Select(v => new ScenarioVersions.VersionEntry(v.Version, v.Title, v.CreatedAt))]));
    }

    private static async Task<Results<ContentHttpResult, NotFoundProblem>> GetVersionAsync(string id, int version, IGrainFactory grains) =>
        await grains.GetGrain<IScenarioGrain>(id).GetVersionAsync(version) is { } found
            ? TypedResults.Text(found.SpecText, "application/yaml")
            : ApiProblems.NotFound($"There is no version {version} of scenario '{id}'.");

    private static async Task<Results<Created<ScenarioCreated>, Ok<ScenarioCreated>, NotFoundProblem, InvalidProblem, PayloadProblem>> AddVersionAsync(string id, bool created,
        HttpRequest request, ScenarioSpecs specs, CancellationToken ct)
    {
        var mediaType = request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (mediaType is null || !SpecMediaTypes.Contains(mediaType))
        {
            return ApiProblems.UnsupportedMediaType("Send the scenario spec as application/yaml (or application/json with the same structure).");
        }

        if (request.ContentLength > MaxSpecBytes)
        {
            return ApiProblems.TooLarge($"A scenario spec may be at most {MaxSpecBytes / 1024} KiB.");
        }

        var text = await ReadLimitedAsync(request.Body, MaxSpecBytes, ct);
        if (text is null)
        {
            return ApiProblems.TooLarge($"A scenario spec may be at most {MaxSpecBytes / 1024} KiB.");
        }

        var result = await specs.AddVersionAsync(id, text, ct);
        if (result.Version is not { } version)
        {
            return ApiProblems.InvalidRows("The scenario spec is not valid.",
                $"{result.Errors.Length} problem(s) in the spec; each names its path.",
                new Dictionary<string, object?> { ["errors"] = result.Errors.Select(e => new SpecErrorView(e.Path, e.Message)).ToList() });
        }

        var stored = new ScenarioCreated(id, version);
        return created ? TypedResults.Created($"/api/v1/admin/scenarios/{id}", stored) : TypedResults.Ok(stored);
    }

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
