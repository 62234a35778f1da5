using Microsoft.AspNetCore.Http.HttpResults;
using PPipe.Frontend.Api;
using PPipe.Grains.Client.Cohorts;
using PPipe.Grains.Interfaces.Notifications;

namespace PPipe.Frontend.Notifications;

/// <summary>Admin routes for what a cohort is told: announcements to its students, and the instructor's digest and alerts.</summary>
public static class CohortNotificationEndpoints
{
    public static RouteGroupBuilder MapCohortNotificationEndpoints(this RouteGroupBuilder admin)
    {
        var cohorts = admin.MapGroup("/cohorts");
        cohorts.MapPost("/{id}/announcements", PostAnnouncementAsync)
            .WithSummary("Announce to the cohort")
            .WithDescription($"Body {{subject, text}} (at most {Announcement.MaxSubjectLength} and {Announcement.MaxTextLength} characters). " +
                "Recorded at once (202) and delivered to every student, paced, as each one's preferences say (e-mail, chat); it shows " +
                "on the students' pages and event streams. Read its progress from the list.");
        cohorts.MapGet("/{id}/announcements", ListAnnouncementsAsync)
            .WithSummary("The cohort's announcements")
            .WithDescription("The newest 50, newest first, each with the students reached so far and when its delivery finished.");
        cohorts.MapGet("/{id}/alerts", GetAlertsAsync)
            .WithSummary("The instructor's digest and alerts")
            .WithDescription("Who is told (contactEmail; nothing is sent without one), the daily digest's hour (UTC), the endpoints " +
                "alert's threshold (a share of the registered endpoints down, with a minimum registered), whether it is raised now, " +
                "and the instructor's newest notifications.");
        cohorts.MapPut("/{id}/alerts", SetAlertsAsync)
            .WithSummary("Set the instructor's digest and alerts")
            .WithDescription("Body {contactEmail, contactName, dailyDigest, digestHourUtc, endpointAlerts, endpointsDownShare, " +
                "minimumEndpoints}; a field left out takes its default (digest at 7 UTC, alert at 0.25 down with 4 registered). " +
                "Every field that needs fixing is named in one 422.");
        return admin;
    }

    private static async Task<Results<Accepted<AnnouncementView>, NotFoundProblem, InvalidProblem>> PostAnnouncementAsync(string id,
        AnnouncementRequest? request, IGrainFactory grains, CohortDirectory cohorts)
    {
        if (await cohorts.GetAsync(id) is null)
        {
            return NoCohort(id);
        }

        var validation = AnnouncementRequestValidator.Validate(request);
        if (!validation.IsValid)
        {
            return ApiProblems.Invalid("The announcement is not valid.", $"{validation.Errors.Count} field(s) need fixing; nothing was sent.", validation.Errors);
        }

        var status = await grains.GetGrain<ICohortNotificationsGrain>(id).PostAnnouncementAsync(validation.Subject!, validation.Text!);
        return TypedResults.Accepted($"/api/v1/admin/cohorts/{id}/announcements", AnnouncementView.Of(status));
    }

    private static async Task<Results<Ok<IReadOnlyList<AnnouncementView>>, NotFoundProblem>> ListAnnouncementsAsync(string id,
        IGrainFactory grains, CohortDirectory cohorts)
    {
        if (await cohorts.GetAsync(id) is null)
        {
            return NoCohort(id);
        }

        var list = await grains.GetGrain<ICohortNotificationsGrain>(id).GetAnnouncementsAsync();
        return TypedResults.Ok<IReadOnlyList<AnnouncementView>>([.. list.Select(AnnouncementView.Of)]);
    }

    private static async Task<Results<Ok<CohortAlertsView>, NotFoundProblem>> GetAlertsAsync(string id, IGrainFactory grains, CohortDirectory cohorts) =>
        await cohorts.GetAsync(id) is null
            ? NoCohort(id)
            : TypedResults.Ok(CohortAlertsView.Of(await grains.GetGrain<ICohortNotificationsGrain>(id).GetAsync()));

    private static async Task<Results<Ok<CohortAlertsView>, NotFoundProblem, InvalidProblem>> SetAlertsAsync(string id, CohortAlertsRequest? request,
        IGrainFactory grains, CohortDirectory cohorts)
    {
        if (await cohorts.GetAsync(id) is null)
        {
            return NoCohort(id);
        }

        var validation = CohortAlertsRequestValidator.Validate(request);
        if (!validation.IsValid)
        {
            return ApiProblems.Invalid("The alert settings are not valid.", $"{validation.Errors.Count} field(s) need fixing; nothing was changed.", validation.Errors);
        }

        return TypedResults.Ok(CohortAlertsView.Of(await grains.GetGrain<ICohortNotificationsGrain>(id).SetAlertsAsync(validation.Alerts!)));
    }

    private static NotFoundProblem NoCohort(string id) => ApiProblems.NotFound($"There is no cohort '{id}'.");
}
