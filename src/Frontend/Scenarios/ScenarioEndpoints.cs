using System.Text;
using PPipe.Frontend.Api;
using PPipe.Grains.Interfaces.Scenarios;
using PPipe.Scenarios.Templates;

namespace PPipe.Frontend.Scenarios;

/// <summary>Admin routes for scenarios: upload specs (YAML or JSON), list versions, browse the templates.</summary>
public static class ScenarioEndpoints
{
    public const int MaxSpecBytes = 256 * 1024;
    private static readonly string[] SpecMediaTypes = ["application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", "application/json", "text/plain"];

    public static RouteGroupBuilder MapScenarioEndpoints(this RouteGroupBuilder admin)
    {
        admin.MapGet("/templates", () => Results.Ok(ScenarioTemplates.All.Select(t => new
        {
            id = t.Id,
            title = t.Title,
            task = t.Task.ToString().ToLowerInvariant(),
            target = t.Target.Name,
            metric = PPipe.Frontend.Students.StudentEndpoints.Name(t.Scenario.Metric),
            duration = t.Scenario.Duration,
            briefing = t.Scenario.Briefing,
            spec = t.Yaml,
        })));
        admin.MapPost("/scenarios", (HttpRequest request, IGrainFactory grains, CancellationToken ct) =>
            AddVersionAsync(ScenarioIds.New(), created: true, request, grains, ct));
        admin.MapPost("/scenarios/{id}/versions", async (string id, HttpRequest request, IGrainFactory grains, CancellationToken ct) =>
            (await grains.GetGrain<IScenarioGrain>(id).ListAsync()).IsEmpty
                ? ApiProblems.NotFound($"There is no scenario '{id}'. Upload a new one with POST /api/v1/admin/scenarios.")
                : await AddVersionAsync(id, created: false, request, grains, ct));
        admin.MapGet("/scenarios/{id}", async (string id, IGrainFactory grains) =>
        {
            var versions = await grains.GetGrain<IScenarioGrain>(id).ListAsync();
            return versions.IsEmpty
                ? ApiProblems.NotFound($"There is no scenario '{id}'.")
                : Results.Ok(new { id, versions = versions.Select(v => new { v.Version, v.Title, v.CreatedAt }) });
        });
        admin.MapGet("/scenarios/{id}/versions/{version:int}", async (string id, int version, IGrainFactory grains) =>
            await grains.GetGrain<IScenarioGrain>(id).GetVersionAsync(version) is { } found
                ? Results.Text(found.SpecText, "application/yaml")
                : ApiProblems.NotFound($"There is no version {version} of scenario '{id}'."));
        return admin;
    }

    private static async Task<IResult> AddVersionAsync(string id, bool created, HttpRequest request, IGrainFactory grains, CancellationToken ct)
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

        var result = await grains.GetGrain<IScenarioGrain>(id).AddVersionAsync(text);
        if (result.Version is not { } version)
        {
            return Results.Problem(
                statusCode: StatusCodes.Status422UnprocessableEntity,
                title: "The scenario spec is not valid.",
                detail: $"{result.Errors.Length} problem(s) in the spec; each names its path.",
                extensions: new Dictionary<string, object?>
                {
                    ["errors"] = result.Errors.Select(e => new { path = e.Path, message = e.Message }),
                });
        }

        var body = new { id, version };
        return created ? Results.Created($"/api/v1/admin/scenarios/{id}", body) : Results.Ok(body);
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
