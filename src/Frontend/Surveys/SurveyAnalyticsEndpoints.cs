using Microsoft.AspNetCore.Http.HttpResults;
using PPipe.Frontend.Api;
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
        return admin;
    }

    private static async Task<Results<Ok<SurveyAnalytics>, NotFoundProblem, ConflictProblem>> AnalyticsAsync(string id, bool? consentingOnly,
        IGrainFactory grains, SurveyInstrumentCatalog instruments)
    {
        if (await grains.GetGrain<ICohortGrain>(id).GetAsync() is not { } cohort)
        {
            return ApiProblems.NotFound($"There is no cohort '{id}'.");
        }

        var surveys = await grains.GetGrain<ICohortSurveysGrain>(id).GetAsync();
        return surveys == CohortSurveys.None
            ? NoSurveys(id)
            : TypedResults.Ok(await SurveyAnalyticsReader.ReadAsync(grains, instruments, cohort, surveys, consentingOnly ?? false));
    }

    private static async Task<Results<Ok<SurveyComparison>, NotFoundProblem, ConflictProblem>> ComparisonAsync(string id, bool? consentingOnly,
        IGrainFactory grains, SurveyInstrumentCatalog instruments)
    {
        if (await grains.GetGrain<ICohortGrain>(id).GetAsync() is not { } cohort)
        {
            return ApiProblems.NotFound($"There is no cohort '{id}'.");
        }

        var surveys = await grains.GetGrain<ICohortSurveysGrain>(id).GetAsync();
        return surveys == CohortSurveys.None
            ? NoSurveys(id)
            : TypedResults.Ok(await SurveyAnalyticsReader.CompareAsync(grains, instruments, cohort, surveys, consentingOnly ?? false));
    }

    private static ConflictProblem NoSurveys(string id) => ApiProblems.Conflict("The cohort has no surveys.",
        $"Cohort '{id}' has no pre- or post-survey attached, so there is nothing to analyse; attach them with PUT /api/v1/admin/cohorts/{id}/surveys.",
        new Dictionary<string, object?> { ["field"] = "surveys" });
}
