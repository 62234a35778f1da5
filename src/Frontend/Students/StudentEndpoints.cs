using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Http.HttpResults;
using PPipe.Frontend.Api;
using PPipe.Frontend.Calendar;
using PPipe.Frontend.Channels.Bucket;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Scenarios;
using PPipe.Scenarios.Generation;
using PPipe.Grains.Client.Releases;
using PPipe.Grains.Client.Site;

namespace PPipe.Frontend.Students;

/// <summary>The student API of api-v1: the enrollment, releases, batches, webhook registration.</summary>
public static class StudentEndpoints
{
    public static RouteGroupBuilder MapStudentEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/me", MeAsync)
            .WithSummary("The enrollment")
            .WithDescription("Who you are, your cohort and its clock, the scenario (task, target, metric, classes, briefing), the " +
                "channels releases come through, your endpoint, webhook and bucket credentials, the releases you fetched, and your " +
                "calendar feed's URL.");
        api.MapGet("/releases", ReleasesAsync)
            .WithSummary("Releases available now")
            .WithDescription("Releases out now with a seq above `after`, oldest first, and when the next is due. Send the ETag " +
                "back in If-None-Match: an unchanged listing answers 304 with no body, so polling is cheap.");
        // A release's seq is part of a file name: releases/abc.csv is a file that does not exist (404). Batch seqs and
        // versions are route values of their own and bind as numbers: batches/abc is a 400 naming seq.
        api.MapGet("/releases/{seq:int}.csv", (int seq, HttpContext http, StudentContext students, IGrainFactory grains) =>
                DownloadReleaseAsync(seq, RowFormat.Csv, http, students, grains))
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .WithSummary("A release's labelled rows as CSV")
            .WithDescription("Streamed: id, the feature columns and the target column. Not released yet: 404 with Retry-After.");
        api.MapGet("/releases/{seq:int}.jsonl", (int seq, HttpContext http, StudentContext students, IGrainFactory grains) =>
                DownloadReleaseAsync(seq, RowFormat.Jsonl, http, students, grains))
            .Produces<string>(StatusCodes.Status200OK, "application/jsonl")
            .WithSummary("A release's labelled rows as JSON lines")
            .WithDescription("One JSON object per line, streamed. Not released yet: 404 with Retry-After.");
        api.MapGet("/batches/{seq}/features.csv", (int seq, HttpContext http, StudentContext students) =>
                DownloadBatchAsync(seq, labels: false, http, students))
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .WithSummary("A batch's unlabelled rows as CSV")
            .WithDescription("id and the feature columns of an open or closed batch. Before it opens: 404 with Retry-After.");
        api.MapGet("/batches/{seq}/labels.csv", (int seq, HttpContext http, StudentContext students) =>
                DownloadBatchAsync(seq, labels: true, http, students))
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .WithSummary("A batch's true labels as CSV")
            .WithDescription("Once the batch's labelsAt has passed; before: 404 with Retry-After.");
        api.MapPut("/webhook", SetWebhookAsync)
            .DescribesBody<UrlRequest>("application/json")
            .WithSummary("Register the webhook")
            .WithDescription("Where release notifications are pushed. Returns the secret their X-PPipe-Signature is made with. " +
                "A URL that is malformed, not http(s) or resolves to a forbidden address: 422.");
        return api;
    }

    public static string Name(Metric metric) => ScenarioNames.Of(metric);

    public static string Name(Channel channel) => ChannelNames.Of(channel);

    private static async Task<Ok<MeResponse>> MeAsync(ClaimsPrincipal user, HttpRequest request, StudentContext students, IGrainFactory grains,
        IOptions<BucketOptions> bucketOptions, PublicSite site)
    {
        var enrollment = StudentTokenHandler.EnrollmentOf(user);
        var view = await students.ResolveAsync(enrollment);
        var grain = grains.GetGrain<IEnrollmentGrain>(enrollment.ToString());
        var snapshot = await grain.GetAsync() ?? throw new InvalidOperationException($"Enrollment {enrollment} does not exist.");
        var calendar = snapshot.CalendarSecret ?? (await grain.GetCalendarAsync()).Secret;
        return TypedResults.Ok(MeResponse.Of(view, snapshot, $"{request.Scheme}://{request.Host}", bucketOptions.Value.Region) with
        {
            CalendarUrl = CalendarLinks.FeedUrl(site, request, calendar),
        });
    }

    private static async Task<Results<ReleaseListing, OutageResult>> ReleasesAsync(ClaimsPrincipal user, StudentContext students,
        ReleaseListings listings, int? after)
    {
        var view = await students.ResolveAsync(StudentTokenHandler.EnrollmentOf(user));
        if (Outage(view, Channel.Api) is { } down)
        {
            return down;
        }

        return listings.For(view, after ?? 0);
    }

    private static async Task<Results<RowStreamResult, NotFoundProblem, ConflictProblem, OutageResult>> DownloadReleaseAsync(int seq, RowFormat format, HttpContext http, StudentContext students, IGrainFactory grains)
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
        await grains.GetGrain<IEnrollmentGrain>(enrollment.ToString()).RecordFetchAsync(seq, ChannelNames.Of(release.Channel));
        var generator = new ScenarioGenerator(view.Scenario, seed, view.Cohort.Clock.StartsAt);
        return new RowStreamResult(() => generator.OpenRelease(seq), format, $"release-{seq:0000}");
    }

    private static async Task<Results<RowStreamResult, NotFoundProblem>> DownloadBatchAsync(int seq, bool labels, HttpContext http, StudentContext students)
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

    private static async Task<Results<Ok<WebhookResponse>, InvalidProblem>> SetWebhookAsync(ClaimsPrincipal user, HttpRequest request,
        IGrainFactory grains, WebhookUrlCheck check)
    {
        UrlRequest? body;
        try
        {
            body = await request.ReadFromJsonAsync<UrlRequest>(ApiJson.Options);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Kept a 422 rather than the 400 of other bodies: api-v1 promised 422 for a registration it cannot use.
            return ApiProblems.Invalid("The webhook registration is not valid.", "body", "Send {\"url\": \"https://...\"} as application/json.");
        }

        if (await check.ProblemWithAsync(body?.Url, request.HttpContext.RequestAborted) is { } problem)
        {
            return ApiProblems.Invalid("The webhook URL is not usable.", "url", problem);
        }

        var enrollment = StudentTokenHandler.EnrollmentOf(user);
        var secret = await grains.GetGrain<IEnrollmentGrain>(enrollment.ToString()).SetWebhookAsync(body!.Url!);
        return TypedResults.Ok(new WebhookResponse(body.Url!, secret));
    }

    /// <summary>503 with Retry-After while the scenario has the channel in an outage window.</summary>
    private static OutageResult? Outage(StudentView view, Channel channel)
    {
        var window = view.Schedule.Outages.FirstOrDefault(o => o.Channel == channel && o.Covers(view.Elapsed));
        if (window is null)
        {
            return null;
        }

        var retryAfter = view.SecondsUntil(window.To);
        return new OutageResult(channel, retryAfter);
    }
}
