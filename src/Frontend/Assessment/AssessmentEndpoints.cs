using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using PPipe.Frontend.Api;
using PPipe.Frontend.Students;
using PPipe.Grains.Interfaces.Assessment;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Grains.Interfaces.Probes;
using PPipe.Scenarios.Assessment;
using PPipe.Scenarios.Generation;

namespace PPipe.Frontend.Assessment;

/// <summary>The assessment part of the student API: batches and submissions, the model endpoint, probes, the grade.</summary>
public static class AssessmentEndpoints
{
    /// <summary>The largest submission body taken: room for 100,000 rows with probabilities in JSON.</summary>
    public const long MaxSubmissionBytes = 16 * 1024 * 1024;

    /// <summary>Response header with how many more submissions the batch takes.</summary>
    public const string RemainingHeader = "X-Submissions-Remaining";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static RouteGroupBuilder MapAssessmentEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/batches", BatchesAsync);
        api.MapPost("/batches/{seq:int}/predictions", SubmitAsync);
        api.MapPut("/endpoint", SetEndpointAsync);
        api.MapGet("/endpoint/probes", ProbesAsync);
        api.MapGet("/grade", GradeAsync);
        return api;
    }

    private static async Task<IResult> BatchesAsync(ClaimsPrincipal user, StudentContext students, IGrainFactory grains)
    {
        var enrollment = StudentTokenHandler.EnrollmentOf(user);
        var view = await students.ResolveAsync(enrollment);
        var progress = await grains.GetGrain<IEnrollmentGrain>(enrollment.ToString()).GetBatchesAsync();
        return Results.Ok(StudentBatch.ListOf(view, progress));
    }

    private static async Task<IResult> SubmitAsync(int seq, HttpContext http, StudentContext students, IGrainFactory grains)
    {
        var enrollment = StudentTokenHandler.EnrollmentOf(http.User);
        var view = await students.ResolveAsync(enrollment);
        if (seq < 1 || seq > view.Schedule.Batches.Count)
        {
            return ApiProblems.NotFound($"This scenario has batches 1 to {view.Schedule.Batches.Count}; there is no batch {seq}.");
        }

        var batch = view.Schedule.Batches[seq - 1];
        if (view.Elapsed < batch.OpensAt)
        {
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "The batch is not open.",
                detail: $"Batch {seq} opens at {view.WallTimeAt(batch.OpensAt)?.ToString("O") ?? "a later time (the cohort is paused)"}.");
        }

        var grain = grains.GetGrain<IEnrollmentGrain>(enrollment.ToString());
        var remaining = (await grain.GetBatchesAsync()).First(b => b.Seq == seq).Remaining;
        http.Response.Headers[RemainingHeader] = remaining.ToString(CultureInfo.InvariantCulture);
        var extensions = new Dictionary<string, object?> { ["remaining"] = remaining };

        if (!SubmissionReader.TryGetFormat(http.Request.ContentType, out var format))
        {
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported content type.",
                detail: "Send predictions as text/csv (id,prediction[,probability]) or application/json ({\"predictions\": [{\"id\", \"prediction\"}]}).",
                extensions: extensions);
        }

        if (http.Request.ContentLength > MaxSubmissionBytes)
        {
            return TooLarge(extensions);
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxSubmissionBytes;
        }

        var seed = await students.SeedOfAsync(enrollment);
        var truths = new ScenarioGenerator(view.Scenario, seed, view.Cohort.Clock.StartsAt).BatchTruth(seq);
        var reader = new SubmissionReader(BatchIds.FromTruths(truths), view.Scenario.Target, view.Scenario.Metric);
        SubmissionReadResult read;
        try
        {
            read = await reader.ReadAsync(http.Request.Body, format, http.RequestAborted);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(extensions);
        }

        if (!read.IsValid)
        {
            extensions["errors"] = read.Errors.Select(e => new
            {
                row = e.Row,
                id = e.Id,
                field = JsonNamingPolicy.CamelCase.ConvertName(e.Field.ToString()),
                message = e.Message,
            });
            extensions["errorCount"] = read.ErrorCount;
            return Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity,
                title: "The predictions have errors; nothing was submitted.",
                detail: read.ErrorCount == read.Errors.Count
                    ? $"{read.ErrorCount} problem(s) in the submission. Fix them and submit again; this did not count against your limit."
                    : $"{read.ErrorCount} problems in the submission (the first {read.Errors.Count} are listed). Fix them and submit again; this did not count against your limit.",
                extensions: extensions);
        }

        var predictions = read.Predictions!;
        var result = await grain.SubmitPredictionsAsync(seq, new BatchSubmission(predictions.Predictions, predictions.Probabilities));
        http.Response.Headers[RemainingHeader] = result.Remaining.ToString(CultureInfo.InvariantCulture);
        extensions["remaining"] = result.Remaining;
        return result.Status switch
        {
            SubmissionStatus.Accepted => Results.Json(new
            {
                submissionId = result.SubmissionId,
                receivedAt = result.ReceivedAt,
                rows = result.Rows,
                late = result.Late,
                remaining = result.Remaining,
                detail = result.Detail,
            }, Json, statusCode: StatusCodes.Status202Accepted),
            SubmissionStatus.LimitReached => Results.Problem(statusCode: StatusCodes.Status429TooManyRequests,
                title: "Submission limit reached.", detail: result.Detail, extensions: extensions),
            SubmissionStatus.NotOpen => Results.Problem(statusCode: StatusCodes.Status409Conflict,
                title: "The batch is not open.", detail: result.Detail, extensions: extensions),
            _ => Results.Problem(statusCode: StatusCodes.Status409Conflict,
                title: "The batch is closed.", detail: result.Detail, extensions: extensions),
        };
    }

    private static IResult TooLarge(Dictionary<string, object?> extensions) =>
        Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Body too large.",
            detail: $"A submission may be at most {MaxSubmissionBytes / 1024 / 1024} MiB.", extensions: extensions);

    private static async Task<IResult> SetEndpointAsync(ClaimsPrincipal user, HttpRequest request, IGrainFactory grains, WebhookUrlCheck check)
    {
        UrlRequest? body;
        try
        {
            body = await request.ReadFromJsonAsync<UrlRequest>(Json);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return ApiProblems.Invalid("The endpoint registration is not valid.", "body", "Send {\"url\": \"https://...\"} as application/json.");
        }

        if (await check.ProblemWithAsync(body?.Url, request.HttpContext.RequestAborted) is { } problem)
        {
            return ApiProblems.Invalid("The endpoint URL is not usable.", "url", problem);
        }

        var enrollment = StudentTokenHandler.EnrollmentOf(user);
        var attempts = await grains.GetGrain<IEnrollmentGrain>(enrollment.ToString()).SetEndpointAsync(body!.Url!);
        return Results.Ok(new
        {
            url = body.Url,
            ok = attempts.Any(a => a.Ok),
            verification = attempts.Select(Probe),
        });
    }

    private static async Task<IResult> ProbesAsync(ClaimsPrincipal user, IGrainFactory grains, string? limit)
    {
        var count = 20;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > 50))
        {
            return ApiProblems.Invalid("The limit is not valid.", "limit", "limit must be a whole number from 1 to 50.");
        }

        var enrollment = StudentTokenHandler.EnrollmentOf(user);
        var probes = await grains.GetGrain<IEnrollmentGrain>(enrollment.ToString()).GetProbesAsync(count);
        return Results.Ok(probes.Select(Probe));
    }

    /// <summary>One probe attempt as api-v1 shows it.</summary>
    public static object Probe(ProbeResult probe) => new
    {
        at = probe.At,
        ok = probe.Ok,
        status = probe.Status,
        latencyMs = Math.Round(probe.LatencyMs, 1),
        error = probe.Error,
        rows = probe.Rows,
        score = probe.Quality is { } quality && double.IsFinite(quality.Score) ? quality.Score : (double?)null,
        attempt = probe.Attempt,
        failure = probe.Failure is { } failure ? JsonNamingPolicy.CamelCase.ConvertName(failure.ToString()) : null,
        verification = probe.Slot == ProbeResult.VerificationSlot,
    };

    private static async Task<IResult> GradeAsync(ClaimsPrincipal user, IGrainFactory grains)
    {
        var enrollment = StudentTokenHandler.EnrollmentOf(user);
        var grade = await grains.GetGrain<IEnrollmentGrain>(enrollment.ToString()).GetGradeAsync();
        return Results.Ok(Grade(grade));
    }

    /// <summary>A grade as api-v1 shows it.</summary>
    public static object Grade(GradeReport grade) => new
    {
        overall = new { score = grade.OverallScore, level = grade.OverallLevel },
        criteria = grade.Criteria.Select(c => new { name = c.Name, weight = c.Weight, score = c.Score, level = c.Level, feedback = c.Feedback }),
        asOf = grade.AsOf,
    };

    private sealed record UrlRequest(string? Url);
}
