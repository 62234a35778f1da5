using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PPipe.Frontend.Api;
using PPipe.Frontend.Students;
using PPipe.Grains.Client.Releases;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Grains.Interfaces.Incidents;

namespace PPipe.Frontend.Incidents;

/// <summary>
/// The student's incident reports and postmortems: <c>POST</c> and <c>GET /api/v1/incidents</c>, and
/// <c>PUT /api/v1/incidents/outages/{id}/postmortem</c>. No answer says whether a report matched an event.
/// </summary>
public static class IncidentEndpoints
{
    public static RouteGroupBuilder MapIncidentEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/incidents", FileAsync)
            .WithMetadata(new RequestSizeLimitAttribute(IncidentLimits.MaxBodyBytes))
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .WithSummary("Report an incident")
            .WithDescription("Body {\"kind\": \"drift\", \"features\": [\"distance_km\"], \"channel\": null, \"beganAt\": \"<scenario time>\", " +
                "\"summary\": \"...\"}: what your monitoring saw (kind drift, data-quality, outage or other), the features or channel " +
                "concerned, when it began in scenario time, and a summary of at most 2,000 characters. 201 with the report as kept; the " +
                "answer never says whether it matched an event. 422 naming each bad field (unknown kind or channel, a start before the " +
                "scenario or after the current scenario time, more than 20 features); 429 past the reports a scenario day takes (a " +
                "refused report counts as a false alarm; Retry-After says when the next day begins); 409 before the scenario starts or " +
                "after it ends; 413 over 16 KiB.");
        api.MapGet("/incidents", ListAsync)
            .WithSummary("Your incident reports")
            .WithDescription("Your newest 20 reports, newest first; how many you filed and how many were refused; today's count and " +
                "the day's limit; and the outages of your endpoint long enough to take a postmortem, with the postmortem if filed.");
        api.MapPut("/incidents/outages/{id}/postmortem", PostmortemAsync)
            .WithMetadata(new RequestSizeLimitAttribute(IncidentLimits.MaxBodyBytes))
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .WithSummary("File a postmortem")
            .WithDescription("Body {\"postmortem\": \"what happened, why, what changed\"} (at most 4,000 characters) for one outage of " +
                "your endpoint listed by GET /api/v1/incidents; filing again replaces it. 404 for an outage not listed; 422 for an " +
                "empty or too long postmortem.");
        return api;
    }

    private static async Task<Results<Created<IncidentReceipt>, InvalidProblem, ConflictProblem, TooManyProblem>> FileAsync(
        IncidentRequest? request, HttpContext http, StudentContext students, IGrainFactory grains)
    {
        var enrollment = StudentTokenHandler.EnrollmentOf(http.User);
        var view = await students.ResolveAsync(enrollment);
        if (request is null)
        {
            return ApiProblems.Invalid("The incident report is not valid.", "body", "Send {\"kind\", \"features\", \"channel\", \"beganAt\", \"summary\"} as JSON.");
        }

        var (report, errors) = IncidentRequestValidator.Validate(request, view);
        if (report is null)
        {
            return ApiProblems.Invalid("The incident report is not valid.", $"{errors.Count} field(s) need fixing; nothing was filed.", errors);
        }

        var filing = await grains.GetGrain<IEnrollmentGrain>(enrollment.ToString()).FileIncidentAsync(report);
        switch (filing.Status)
        {
            case IncidentFilingStatus.Accepted:
                return TypedResults.Created(ApiRoutes.Incidents, new IncidentReceipt(IncidentView.Of(filing.Incident!, view.Cohort.Clock.StartsAt), filing.RemainingToday));
            case IncidentFilingStatus.LimitReached:
                http.Response.Headers.RetryAfter = view.SecondsUntil(filing.NextDay ?? view.Elapsed).ToString(CultureInfo.InvariantCulture);
                return ApiProblems.TooMany("Incident report limit reached.", filing.Detail);
            default:
                return ApiProblems.Conflict("The scenario is not running.", filing.Detail);
        }
    }

    private static async Task<Ok<IncidentsResponse>> ListAsync(ClaimsPrincipal user, StudentContext students, IGrainFactory grains)
    {
        var enrollment = StudentTokenHandler.EnrollmentOf(user);
        var view = await students.ResolveAsync(enrollment);
        var log = await grains.GetGrain<IEnrollmentGrain>(enrollment.ToString()).GetIncidentsAsync();
        var startsAt = view.Cohort.Clock.StartsAt;
        return TypedResults.Ok(new IncidentsResponse(
            [.. log.Reports.Select(r => IncidentView.Of(r, startsAt))],
            log.Filed,
            log.Refused,
            log.FiledToday,
            view.Scenario.Monitoring.ReportsPerDay,
            [.. log.Outages.Select(o => OutageView.Of(o, startsAt))]));
    }

    private static async Task<Results<Ok<OutageView>, NotFoundProblem, InvalidProblem>> PostmortemAsync(int id, PostmortemRequest? request, ClaimsPrincipal user,
        StudentContext students, IGrainFactory grains)
    {
        var (postmortem, problem) = IncidentRequestValidator.ValidatePostmortem(request);
        if (postmortem is null)
        {
            return ApiProblems.Invalid("The postmortem is not valid.", "postmortem", problem!);
        }

        var enrollment = StudentTokenHandler.EnrollmentOf(user);
        var view = await students.ResolveAsync(enrollment);
        var outage = await grains.GetGrain<IEnrollmentGrain>(enrollment.ToString()).FilePostmortemAsync(id, postmortem);
        return outage is null
            ? ApiProblems.NotFound($"Your endpoint has no outage {id} that takes a postmortem; GET {ApiRoutes.Incidents} lists those that do.")
            : TypedResults.Ok(OutageView.Of(outage, view.Cohort.Clock.StartsAt));
    }
}
