using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using PPipe.Frontend.Api;
using PPipe.Frontend.Channels.Bucket;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Scenarios;
using PPipe.Scenarios.Generation;
using PPipe.Grains.Client.Releases;

namespace PPipe.Frontend.Students;

/// <summary>The student API of api-v1: the enrollment, releases, batches, webhook registration.</summary>
public static class StudentEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static RouteGroupBuilder MapStudentEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/me", MeAsync);
        api.MapGet("/releases", ReleasesAsync);
        api.MapGet("/releases/{seq:int}.csv", (int seq, HttpContext http, StudentContext students, IGrainFactory grains) =>
            DownloadReleaseAsync(seq, RowFormat.Csv, http, students, grains));
        api.MapGet("/releases/{seq:int}.jsonl", (int seq, HttpContext http, StudentContext students, IGrainFactory grains) =>
            DownloadReleaseAsync(seq, RowFormat.Jsonl, http, students, grains));
        api.MapGet("/batches/{seq:int}/features.csv", (int seq, HttpContext http, StudentContext students) =>
            DownloadBatchAsync(seq, labels: false, http, students));
        api.MapGet("/batches/{seq:int}/labels.csv", (int seq, HttpContext http, StudentContext students) =>
            DownloadBatchAsync(seq, labels: true, http, students));
        api.MapPut("/webhook", SetWebhookAsync);
        return api;
    }

    public static string Name(Metric metric) => JsonNamingPolicy.CamelCase.ConvertName(metric.ToString());

    public static string Name(Channel channel) => channel.ToString().ToLowerInvariant();

    private static async Task<IResult> MeAsync(ClaimsPrincipal user, HttpRequest request, StudentContext students, IGrainFactory grains, IOptions<BucketOptions> bucketOptions)
    {
        var enrollment = StudentTokenHandler.EnrollmentOf(user);
        var view = await students.ResolveAsync(enrollment);
        var snapshot = await grains.GetGrain<IEnrollmentGrain>(enrollment.ToString()).GetAsync()
            ?? throw new InvalidOperationException($"Enrollment {enrollment} does not exist.");
        var scenario = view.Scenario;
        return Results.Ok(new
        {
            enrollmentId = enrollment.ToString(),
            student = new { id = snapshot.Student.StudentId, name = snapshot.Student.Name },
            cohort = new { id = view.Cohort.Id, name = view.Cohort.Name, status = view.Cohort.StatusAt(view.Now).ToString().ToLowerInvariant() },
            scenario = new
            {
                id = view.Cohort.ScenarioId,
                version = view.Cohort.Version,
                title = scenario.Title,
                task = scenario.Task.ToString().ToLowerInvariant(),
                target = scenario.Target.Name,
                metric = Name(scenario.Metric),
                briefing = scenario.Briefing,
            },
            clock = new
            {
                now = view.Now,
                scenarioNow = view.ScenarioNow,
                speed = view.Cohort.Clock.Speed,
                startsAt = view.Cohort.Clock.StartsAt,
                endsAt = view.WallTimeAt(scenario.Duration),
                paused = view.Cohort.Clock.IsPaused,
            },
            channels = scenario.Releases.Rotation.Distinct().Select(Name),
            endpoint = new { url = snapshot.EndpointUrl, status = EndpointStatus.Of(snapshot) },
            webhook = new { url = snapshot.WebhookUrl },
            bucket = StudentBucket.Of(snapshot.Bucket, $"{request.Scheme}://{request.Host}", bucketOptions.Value.Region),
            fetched = snapshot.Fetches.Select(f => new { seq = f.Seq, at = f.At, channel = f.Channel }),
        });
    }

    private static async Task<IResult> ReleasesAsync(ClaimsPrincipal user, HttpContext http, StudentContext students, ReleaseListings listings, int? after)
    {
        var view = await students.ResolveAsync(StudentTokenHandler.EnrollmentOf(user));
        if (Outage(view, Channel.Api) is { } down)
        {
            return down;
        }

        var listing = listings.For(view, after ?? 0);
        http.Response.Headers.ETag = listing.ETag;
        http.Response.Headers.CacheControl = "private, no-cache";
        return IsCurrent(http.Request, listing.ETag)
            ? Results.StatusCode(StatusCodes.Status304NotModified)
            : Results.Bytes(listing.Body, "application/json");
    }

    /// <summary>True when <c>If-None-Match</c> names the ETag (weak comparison) or is <c>*</c>.</summary>
    private static bool IsCurrent(HttpRequest request, string etag)
    {
        var header = request.Headers.IfNoneMatch;
        if (header.Count == 0)
        {
            return false;
        }

        if (header.Count == 1 && header[0] == etag)
        {
            return true; // what a polling client sends back: no parsing needed
        }

        return request.GetTypedHeaders().IfNoneMatch.Any(m => m.Tag == "*" || m.Compare(new EntityTagHeaderValue(etag), useStrongComparison: false));
    }

    private static async Task<IResult> DownloadReleaseAsync(int seq, RowFormat format, HttpContext http, StudentContext students, IGrainFactory grains)
    {
        var enrollment = StudentTokenHandler.EnrollmentOf(http.User);
        var view = await students.ResolveAsync(enrollment);
        if (seq < 1 || seq > view.Schedule.Releases.Count)
        {
            return ApiProblems.NotFound($"This scenario has releases 1 to {view.Schedule.Releases.Count}; there is no release {seq}.");
        }

        var release = view.Schedule.Releases[seq - 1];
        if (release.AvailableAt > view.Elapsed)
        {
            http.Response.Headers.RetryAfter = view.SecondsUntil(release.AvailableAt).ToString(CultureInfo.InvariantCulture);
            return ApiProblems.NotFound($"Release {seq} is not released yet; it is due {view.WallTimeAt(release.AvailableAt)?.ToString("O") ?? "after the cohort resumes"}.");
        }

        if (release.Channel == Channel.Bucket)
        {
            return ApiProblems.Conflict(
                $"Release {seq} is delivered through the bucket channel: read s3://<your bucket>/{ApiRoutes.ReleaseObjectKey(seq)} with the credentials in {ApiRoutes.Me}.");
        }

        if (Outage(view, release.Channel == Channel.Api ? Channel.Api : release.Channel) is { } down)
        {
            return down;
        }

        var seed = await students.SeedOfAsync(enrollment);
        await grains.GetGrain<IEnrollmentGrain>(enrollment.ToString()).RecordFetchAsync(seq, Name(release.Channel));
        var generator = new ScenarioGenerator(view.Scenario, seed, view.Cohort.Clock.StartsAt);
        return new RowStreamResult(() => generator.OpenRelease(seq), format, $"release-{seq:0000}");
    }

    private static async Task<IResult> DownloadBatchAsync(int seq, bool labels, HttpContext http, StudentContext students)
    {
        var enrollment = StudentTokenHandler.EnrollmentOf(http.User);
        var view = await students.ResolveAsync(enrollment);
        if (seq < 1 || seq > view.Schedule.Batches.Count)
        {
            return ApiProblems.NotFound($"This scenario has batches 1 to {view.Schedule.Batches.Count}; there is no batch {seq}.");
        }

        var batch = view.Schedule.Batches[seq - 1];
        var availableFrom = labels ? batch.LabelsAt : batch.OpensAt;
        if (view.Elapsed < availableFrom)
        {
            http.Response.Headers.RetryAfter = view.SecondsUntil(availableFrom).ToString(CultureInfo.InvariantCulture);
            return ApiProblems.NotFound(labels
                ? $"The labels of batch {seq} are revealed at {view.WallTimeAt(batch.LabelsAt)?.ToString("O") ?? "a later time (the cohort is paused)"}."
                : $"Batch {seq} opens at {view.WallTimeAt(batch.OpensAt)?.ToString("O") ?? "a later time (the cohort is paused)"}.");
        }

        var seed = await students.SeedOfAsync(enrollment);
        var generator = new ScenarioGenerator(view.Scenario, seed, view.Cohort.Clock.StartsAt);
        return new RowStreamResult(() => labels ? generator.OpenBatchLabels(seq) : generator.OpenBatch(seq), RowFormat.Csv,
            labels ? $"batch-{seq:0000}-labels" : $"batch-{seq:0000}-features");
    }

    private static async Task<IResult> SetWebhookAsync(ClaimsPrincipal user, HttpRequest request, IGrainFactory grains, WebhookUrlCheck check)
    {
        UrlRequest? body;
        try
        {
            body = await request.ReadFromJsonAsync<UrlRequest>(Json);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return ApiProblems.Invalid("The webhook registration is not valid.", "body", "Send {\"url\": \"https://...\"} as application/json.");
        }

        if (await check.ProblemWithAsync(body?.Url, request.HttpContext.RequestAborted) is { } problem)
        {
            return ApiProblems.Invalid("The webhook URL is not usable.", "url", problem);
        }

        var enrollment = StudentTokenHandler.EnrollmentOf(user);
        var secret = await grains.GetGrain<IEnrollmentGrain>(enrollment.ToString()).SetWebhookAsync(body!.Url!);
        return Results.Ok(new { url = body.Url, secret });
    }

    /// <summary>503 with Retry-After while the scenario has the channel in an outage window.</summary>
    private static IResult? Outage(StudentView view, Channel channel)
    {
        var window = view.Schedule.Outages.FirstOrDefault(o => o.Channel == channel && o.Covers(view.Elapsed));
        if (window is null)
        {
            return null;
        }

        var retryAfter = view.SecondsUntil(window.To);
        return new OutageResult(channel, retryAfter);
    }

    private sealed record UrlRequest(string? Url);
}
