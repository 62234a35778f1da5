using System.Net.Mail;
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

        var errors = new Dictionary<string, string[]>();
        Check(errors, "subject", request?.Subject, Announcement.MaxSubjectLength);
        Check(errors, "text", request?.Text, Announcement.MaxTextLength);
        if (errors.Count > 0)
        {
            return ApiProblems.Invalid("The announcement is not valid.", $"{errors.Count} field(s) need fixing; nothing was sent.", errors);
        }

        var status = await grains.GetGrain<ICohortNotificationsGrain>(id).PostAnnouncementAsync(request!.Subject!.Trim(), request.Text!.Trim());
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

        request ??= new CohortAlertsRequest(null, null, null, null, null, null, null);
        var defaults = CohortAlerts.Default;
        var errors = new Dictionary<string, string[]>();
        var email = string.IsNullOrWhiteSpace(request.ContactEmail) ? null : request.ContactEmail.Trim();
        if (email is not null && !IsAddress(email))
        {
            errors["contactEmail"] = [$"'{email}' is not an e-mail address (name@example.edu)."];
        }

        if (request.ContactName is { Length: > 200 })
        {
            errors["contactName"] = ["The contact's name is at most 200 characters."];
        }

        if (request.DigestHourUtc is < 0 or > 23)
        {
            errors["digestHourUtc"] = ["The digest's hour is from 0 to 23 (UTC)."];
        }

        if (request.EndpointsDownShare is { } share && (share is <= 0 or > 1 || double.IsNaN(share)))
        {
            errors["endpointsDownShare"] = ["The share of endpoints down that raises the alert is above 0 and at most 1 (0.25 is a quarter)."];
        }

        if (request.MinimumEndpoints is < 1 or > 1_000_000)
        {
            errors["minimumEndpoints"] = ["The endpoints registered before the alert means anything: from 1 to 1,000,000."];
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Invalid("The alert settings are not valid.", $"{errors.Count} field(s) need fixing; nothing was changed.", errors);
        }

        var alerts = new CohortAlerts(email, string.IsNullOrWhiteSpace(request.ContactName) ? null : request.ContactName.Trim(),
            request.DailyDigest ?? defaults.DailyDigest, request.DigestHourUtc ?? defaults.DigestHourUtc, request.EndpointAlerts ?? defaults.EndpointAlerts,
            request.EndpointsDownShare ?? defaults.EndpointsDownShare, request.MinimumEndpoints ?? defaults.MinimumEndpoints);
        return TypedResults.Ok(CohortAlertsView.Of(await grains.GetGrain<ICohortNotificationsGrain>(id).SetAlertsAsync(alerts)));
    }

    private static void Check(Dictionary<string, string[]> errors, string field, string? value, int max)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[field] = [$"The {field} is empty."];
        }
        else if (value.Trim().Length > max)
        {
            errors[field] = [$"The {field} is {value.Trim().Length:N0} characters; at most {max:N0}."];
        }
    }

    /// <summary>A single plain address with a dotted domain: what a contact needs to be reachable.</summary>
    private static bool IsAddress(string value) =>
        value.Length <= 254 && MailAddress.TryCreate(value, out var address) && address.Address == value && address.Host.Contains('.', StringComparison.Ordinal);

    private static NotFoundProblem NoCohort(string id) => ApiProblems.NotFound($"There is no cohort '{id}'.");
}
