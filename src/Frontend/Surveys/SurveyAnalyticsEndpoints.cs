using Microsoft.AspNetCore.Http.HttpResults;
using PPipe.Frontend.Api;
using PPipe.Frontend.Cohorts;
using PPipe.Grains.Client.Surveys;
using PPipe.Grains.Interfaces.Cohorts;
using PPipe.Grains.Interfaces.Surveys;

namespace PPipe.Frontend.Surveys;

/// <summary>
/// Admin routes for survey analytics: a cohort's figures computed from its survey shards and roster pages, and the same scenario's
/// cohorts side by side. The analytics page shows the same <see cref="SurveyAnalytics"/> these return.
/// </summary>
public static class SurveyAnalyticsEndpoints
{
    /// <summary>The most free-text answers one page of course feedback holds.</summary>
    public const int MaxCommentsPage = 100;

    public static RouteGroupBuilder MapSurveyAnalyticsEndpoints(this RouteGroupBuilder admin)
    {
        admin.MapGet("/cohorts/{id}/surveys/analytics", AnalyticsAsync)
            .WithSummary("A cohort's survey analytics")
            .WithDescription("Response counts; per competence, over students who submitted both surveys, the pre and post self-rating means, " +
                "the mean change with its 95% t interval and Cohen's d for paired data (dz); knowledge questions' share correct before and " +
                "after with Hake's class-average normalized gain; Pearson's r between each competence's change and each rubric criterion's " +
                "score with n and a Fisher-z 95% interval (null below 4 students); and each item's answer counts. consentingOnly=true " +
                "counts only students whose research consent is given. 404 for an unknown cohort, 409 when no survey is attached.");
        admin.MapGet("/cohorts/{id}/surveys/analytics/comparison", ComparisonAsync)
            .WithSummary("Compare a scenario's cohorts")
            .WithDescription($"This cohort and the newest other cohorts running the same scenario with both surveys attached (at most " +
                $"{SurveyAnalyticsReader.MaxComparedCohorts} in all), each with its change per competence and interval. 404 for an unknown " +
                "cohort, 409 when this cohort has no survey attached.");
        admin.MapGet("/cohorts/{id}/surveys/feedback", FeedbackAsync)
            .WithSummary("A cohort's course feedback")
            .WithDescription($"How many enrolled students submitted the course feedback, each rated or multiple-choice item's counts, and one " +
                $"page of the free-text answers, newest first, without names: page from 1, pageSize from 1 to {MaxCommentsPage} (default 20). " +
                "404 for an unknown cohort, 409 when no course feedback is attached.");
        return admin;
    }

    private static async Task<Results<Ok<CourseFeedback>, NotFoundProblem, ConflictProblem, InvalidProblem>> FeedbackAsync(string id, int? page,
        int? pageSize, IGrainFactory grains, SurveyInstrumentCatalog instruments)
    {
        if (CohortEndpoints.PageProblem(page, pageSize, MaxCommentsPage) is { } problem)
        {
            return problem;
        }

        if (await grains.GetGrain<ICohortGrain>(id).GetAsync() is not { } cohort)
        {
            return ApiProblems.NotFound($"There is no cohort '{id}'.");
        }

        var surveys = await grains.GetGrain<ICohortSurveysGrain>(id).GetAsync();
        return await SurveyAnalyticsReader.ReadFeedbackAsync(grains, instruments, cohort, surveys, page ?? 1, pageSize ?? 20) is { } feedback
            ? TypedResults.Ok(feedback)
            : ApiProblems.Conflict("The cohort has no course feedback.",
                $"Cohort '{id}' has no course feedback attached; attach one (the built-in course-feedback) with PUT /api/v1/admin/cohorts/{id}/surveys.",
                new Dictionary<string, object?> { ["field"] = "feedback" });
    }

    private static Task<Results<Ok<SurveyAnalytics>, NotFoundProblem, ConflictProblem>> AnalyticsAsync(string id, bool? consentingOnly,
        IGrainFactory grains, SurveyInstrumentCatalog instruments) =>
        WithSurveysAsync(id, grains, (cohort, surveys) => SurveyAnalyticsReader.ReadAsync(grains, instruments, cohort, surveys, consentingOnly ?? false));

    private static Task<Results<Ok<SurveyComparison>, NotFoundProblem, ConflictProblem>> ComparisonAsync(string id, bool? consentingOnly,
        IGrainFactory grains, SurveyInstrumentCatalog instruments) =>
        WithSurveysAsync(id, grains, (cohort, surveys) => SurveyAnalyticsReader.CompareAsync(grains, instruments, cohort, surveys, consentingOnly ?? false));

    /// <summary>What <paramref name="read"/> makes of the cohort and its surveys; 404 for an unknown cohort, 409 when neither survey is attached.</summary>
    private static async Task<Results<Ok<T>, NotFoundProblem, ConflictProblem>> WithSurveysAsync<T>(string id, IGrainFactory grains,
        Func<CohortInfo, CohortSurveys, Task<T>> read)
    {
        if (await grains.GetGrain<ICohortGrain>(id).GetAsync() is not { } cohort)
        {
            return ApiProblems.NotFound($"There is no cohort '{id}'.");
        }

        var surveys = await grains.GetGrain<ICohortSurveysGrain>(id).GetAsync();
        return surveys is { Pre: null, Post: null } ? NoSurveys(id) : TypedResults.Ok(await read(cohort, surveys));
    }

    private static ConflictProblem NoSurveys(string id) => ApiProblems.Conflict("The cohort has no surveys.",
        $"Cohort '{id}' has no pre- or post-survey attached, so there is nothing to analyse (course feedback has its own route); attach them with PUT /api/v1/admin/cohorts/{id}/surveys.",
        new Dictionary<string, object?> { ["field"] = "surveys" });
}
