using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using PPipe.Frontend.Api;
using PPipe.Frontend.Students;
using PPipe.Grains.Interfaces.Assessment;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Grains.Client.Releases;
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

    public static RouteGroupBuilder MapAssessmentEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/batches", BatchesAsync)
            .WithSummary("Prediction windows")
            .WithDescription("Every batch of the scenario: when it opens and is due (your own deadline, with any extension), its rows, " +
                "its status (upcoming, open, closed, scored), your submissions and what remain, the score and when labels come.");
        api.MapPost("/batches/{seq}/predictions", SubmitAsync)
            .DescribesBody<PredictionsRequest>("application/json", "text/csv")
            .WithSummary("Submit predictions for a batch")
            .WithDescription("text/csv with the header id,prediction (and probability for probability metrics), or JSON " +
                "{\"predictions\": [{\"id\", \"prediction\"}]}. Optionally the model that made them: in JSON " +
                "\"model\": {\"version\", \"trainedThrough\", \"digest\"}, with either format the headers " + ModelHeaders.Version + ", " +
                ModelHeaders.TrainedThrough + " and " + ModelHeaders.Digest + " (not both). 422 names every bad row and model field " +
                "(model.version, model.trainedThrough, model.digest) and counts nothing; 409 when the window is closed and the cohort " +
                "takes no late work; 429 past the submission limit; 413 over 16 MiB. The " + RemainingHeader + " header says how many more are taken.");
        api.MapPut("/endpoint", SetEndpointAsync)
            .DescribesBody<UrlRequest>("application/json")
            .WithSummary("Register the model endpoint")
            .WithDescription("The platform sends one verification probe at once and returns its result. 422 for URLs that are " +
                "malformed, not http(s), or resolve to a forbidden address.");
        api.MapGet("/endpoint/probes", ProbesAsync)
            .WithSummary("Newest probe results")
            .WithDescription("The newest probes of your endpoint, newest first; limit from 1 to 50 (default 20).");
        api.MapGet("/models", ModelsAsync)
            .WithSummary("Your model versions")
            .WithDescription("The model versions your endpoint's answers and your submissions named, newest first (at most 64; " +
                "folded counts the older ones no longer listed): each with its trainedThrough and digest as first seen, when it was " +
                "first and last seen (scenario time), the batch it was first submitted for (null: a probe answer), how many answers " +
                "and submissions named it, the releases you had fetched when it was first seen, and its flags: unfetchedData and " +
                "unreleasedData (it claims a release you had not fetched, or that was not out, when it was first seen) and " +
                "reusedVersion (the name came back with another trainedThrough or digest).");
        api.MapGet("/grade", GradeAsync)
            .WithSummary("Your grade")
            .WithDescription("The overall score and level and every rubric criterion with its weight, score, level and feedback. " +
                "Levels are NotYetProficient, Proficient, Advanced or Expert; null while nothing can be judged yet.");
        return api;
    }

    private static async Task<Ok<IReadOnlyList<StudentBatch>>> BatchesAsync(ClaimsPrincipal user, StudentContext students, IGrainFactory grains)
    {
        var enrollment = StudentTokenHandler.EnrollmentOf(user);
        var view = await students.ResolveAsync(enrollment);
        var progress = await grains.GetGrain<IEnrollmentGrain>(enrollment.ToString()).GetBatchesAsync();
        return TypedResults.Ok(StudentBatch.ListOf(view, progress));
    }

    private static async Task<Results<Accepted<SubmissionReceipt>, NotFoundProblem, ConflictProblem, InvalidProblem, PayloadProblem, TooManyProblem>> SubmitAsync(
        int seq, HttpContext http, StudentContext students, IGrainFactory grains)
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
            return ApiProblems.Conflict("The batch is not open.",
                $"Batch {seq} opens at {view.WallTimeAt(batch.OpensAt)?.ToString("O") ?? "a later time (the cohort is paused)"}.");
        }

        var grain = grains.GetGrain<IEnrollmentGrain>(enrollment.ToString());
        var remaining = (await grain.GetBatchesAsync()).First(b => b.Seq == seq).Remaining;
        http.Response.Headers[RemainingHeader] = remaining.ToString(CultureInfo.InvariantCulture);
        var extensions = new Dictionary<string, object?> { ["remaining"] = remaining };

        if (!SubmissionReader.TryGetFormat(http.Request.ContentType, out var format))
        {
            return ApiProblems.UnsupportedMediaType(
                "Send predictions as text/csv (id,prediction[,probability]) or application/json ({\"predictions\": [{\"id\", \"prediction\"}]}).",
                extensions);
        }

        if (http.Request.ContentLength > MaxSubmissionBytes)
        {
            return TooLarge(extensions);
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxSubmissionBytes;
        }

        var modelProblems = new List<SubmissionError>();
        var headerModel = ModelHeaders.Read(http.Request.Headers, modelProblems);
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

        if (headerModel is not null && read.Model is not null)
        {
            modelProblems.Add(new SubmissionError(null, null, SubmissionField.Model,
                "the model is named twice, in the X-Model-* headers and in the body's \"model\": name it once"));
        }

        if (!read.IsValid || modelProblems.Count > 0)
        {
            var errors = modelProblems.Concat(read.Errors).ToList();
            var count = modelProblems.Count + read.ErrorCount;
            extensions["errors"] = errors.Select(e => new SubmissionRowError(e.Row, e.Id, e.Field, e.Message)).ToList();
            extensions["errorCount"] = count;
            return ApiProblems.InvalidRows("The predictions have errors; nothing was submitted.",
                count == errors.Count
                    ? $"{count} problem(s) in the submission. Fix them and submit again; this did not count against your limit."
                    : $"{count} problems in the submission (the first {errors.Count} are listed). Fix them and submit again; this did not count against your limit.",
                extensions);
        }

        var predictions = read.Predictions!;
        var model = (headerModel ?? read.Model) is { } claim ? new ModelStamp(claim.Version, claim.TrainedThrough, claim.Digest) : null;
        var result = await grain.SubmitPredictionsAsync(seq, new BatchSubmission(predictions.Predictions, predictions.Probabilities, model));
        http.Response.Headers[RemainingHeader] = result.Remaining.ToString(CultureInfo.InvariantCulture);
        extensions["remaining"] = result.Remaining;
        return result.Status switch
        {
            SubmissionStatus.Accepted => TypedResults.Accepted((string?)null,
                new SubmissionReceipt(result.SubmissionId!, result.ReceivedAt, result.Rows, result.Late, result.Remaining, result.Detail, model)),
            SubmissionStatus.LimitReached => ApiProblems.TooMany("Submission limit reached.", result.Detail, extensions),
            SubmissionStatus.NotOpen => ApiProblems.Conflict("The batch is not open.", result.Detail, extensions),
            _ => ApiProblems.Conflict("The batch is closed.", result.Detail, extensions),
        };
    }

    private static PayloadProblem TooLarge(Dictionary<string, object?> extensions) =>
        ApiProblems.TooLarge($"A submission may be at most {MaxSubmissionBytes / 1024 / 1024} MiB.", extensions);

    private static async Task<Results<Ok<EndpointRegistration>, InvalidProblem>> SetEndpointAsync(ClaimsPrincipal user, HttpRequest request,
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
            return ApiProblems.Invalid("The endpoint registration is not valid.", "body", "Send {\"url\": \"https://...\"} as application/json.");
        }

        if (await check.ProblemWithAsync(body?.Url, request.HttpContext.RequestAborted) is { } problem)
        {
            return ApiProblems.Invalid("The endpoint URL is not usable.", "url", problem);
        }

        var enrollment = StudentTokenHandler.EnrollmentOf(user);
        var attempts = await grains.GetGrain<IEnrollmentGrain>(enrollment.ToString()).SetEndpointAsync(body!.Url!);
        return TypedResults.Ok(new EndpointRegistration(body.Url!, attempts.Any(a => a.Ok), [.. attempts.Select(ProbeView.Of)]));
    }

    private static async Task<Results<Ok<IReadOnlyList<ProbeView>>, InvalidProblem>> ProbesAsync(ClaimsPrincipal user, IGrainFactory grains, string? limit)
    {
        var count = 20;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > 50))
        {
            return ApiProblems.Invalid("The limit is not valid.", "limit", "limit must be a whole number from 1 to 50.");
        }

        var enrollment = StudentTokenHandler.EnrollmentOf(user);
        var probes = await grains.GetGrain<IEnrollmentGrain>(enrollment.ToString()).GetProbesAsync(count);
        return TypedResults.Ok<IReadOnlyList<ProbeView>>([.. probes.Select(ProbeView.Of)]);
    }

    private static async Task<Ok<ModelsResponse>> ModelsAsync(ClaimsPrincipal user, StudentContext students, IGrainFactory grains)
    {
        var enrollment = StudentTokenHandler.EnrollmentOf(user);
        var view = await students.ResolveAsync(enrollment);
        var lineage = await grains.GetGrain<IEnrollmentGrain>(enrollment.ToString()).GetLineageAsync();
        var startsAt = view.Cohort.Clock.StartsAt;
        return TypedResults.Ok(new ModelsResponse([.. lineage.Versions.Reverse().Select(v => ModelVersionView.Of(v, startsAt))], lineage.Folded, lineage.FoldedFlagged));
    }

    private static async Task<Ok<GradeResponse>> GradeAsync(ClaimsPrincipal user, IGrainFactory grains)
    {
        var enrollment = StudentTokenHandler.EnrollmentOf(user);
        var grade = await grains.GetGrain<IEnrollmentGrain>(enrollment.ToString()).GetGradeAsync();
        return TypedResults.Ok(GradeResponse.Of(grade));
    }
}
