using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using PPipe.Frontend.Api;
using PPipe.Frontend.Students;
using PPipe.Grains.Interfaces.Enrollments;

namespace PPipe.Frontend.Notifications;

/// <summary>The student's notification settings: <c>GET</c> and <c>PUT /api/v1/notifications</c>.</summary>
public static class NotificationEndpoints
{
    public static RouteGroupBuilder MapNotificationEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/notifications", GetAsync)
            .WithSummary("Notification settings and history")
            .WithDescription("Whether you are told by e-mail (to your roster address) and to a chat webhook, of which kinds " +
                "(batchOpened, batchDueSoon, batchMissed, endpoint, gradeLevel, announcement), and your newest notifications with " +
                "where each stands. At most one message per kind per window; the rest come as a digest when it ends.");
        api.MapPut("/notifications", SetAsync)
            .WithSummary("Choose notifications")
            .WithDescription("Body {\"email\": true, \"chat\": {\"url\": \"https://hooks.slack.com/...\", \"format\": \"slack\"}, " +
                "\"kinds\": [\"batchDueSoon\", \"endpoint\"]}. chat may be null; its format (slack, discord, teams) is guessed from the " +
                "host when left out. Unknown kinds or formats, and a chat URL that is malformed or resolves to a private or " +
                "otherwise forbidden address: 422 naming each field. Kinds turned off drop what was waiting of them.");
        return api;
    }

    private static async Task<Ok<NotificationSettings>> GetAsync(ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(NotificationSettings.Of(await Enrollment(user, grains).GetNotificationsAsync()));

    private static async Task<Results<Ok<NotificationSettings>, InvalidProblem>> SetAsync(NotificationSettingsRequest? request, ClaimsPrincipal user,
        IGrainFactory grains, NotificationRequestValidator validator, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            return ApiProblems.Invalid("The notification settings are not valid.", "body", "Send {\"email\": true, \"chat\": null, \"kinds\": [...]} as JSON.");
        }

        var (preferences, errors) = await validator.ValidateAsync(request, cancellationToken);
        if (preferences is null)
        {
            return ApiProblems.Invalid("The notification settings are not valid.", $"{errors.Count} field(s) need fixing; nothing was changed.", errors);
        }

        return TypedResults.Ok(NotificationSettings.Of(await Enrollment(user, grains).SetNotificationPreferencesAsync(preferences)));
    }

    private static IEnrollmentGrain Enrollment(ClaimsPrincipal user, IGrainFactory grains) =>
        grains.GetGrain<IEnrollmentGrain>(StudentTokenHandler.EnrollmentOf(user).ToString());
}
