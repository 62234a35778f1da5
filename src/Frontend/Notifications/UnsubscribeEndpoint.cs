using Microsoft.AspNetCore.Http.HttpResults;
using PPipe.Frontend.Api;
using PPipe.Grains.Client.Notifications;
using PPipe.Grains.Interfaces.Notifications;

namespace PPipe.Frontend.Notifications;

/// <summary>
/// <c>POST /api/v1/unsubscribe?token=...</c>: RFC 8058 one-click unsubscribe. Mail clients post
/// <c>List-Unsubscribe=One-Click</c> as a form to the address of a notification's <c>List-Unsubscribe</c> header; the
/// signed token names whose notifications and which kind, so no sign-in is needed and none is asked. People who follow
/// the link in the mail's text get the confirmation page at <c>/unsubscribe</c> instead.
/// </summary>
public static class UnsubscribeEndpoint
{
    public const string FormField = "List-Unsubscribe";
    public const string FormValue = "One-Click";

    public static RouteGroupBuilder MapUnsubscribeEndpoint(this RouteGroupBuilder api)
    {
        api.MapPost("/unsubscribe", UnsubscribeAsync)
            .AllowAnonymous()
            .DisableAntiforgery()
            .DescribesBody<string>("application/x-www-form-urlencoded")
            .WithTags("Student")
            .WithSummary("One-click unsubscribe (RFC 8058)")
            .WithDescription("The address in a notification mail's List-Unsubscribe header. Post the form List-Unsubscribe=One-Click; " +
                "the token in the query turns that kind of notification off for the person it was sent to. A token that is malformed, " +
                "forged or changed: 422. The same token again: 200 with changed false.");
        return api;
    }

    private static async Task<Results<Ok<UnsubscribeResult>, InvalidProblem, PayloadProblem>> UnsubscribeAsync(string? token, HttpRequest request,
        Unsubscribes unsubscribes, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return ApiProblems.UnsupportedMediaType($"Post {FormField}={FormValue} as application/x-www-form-urlencoded (RFC 8058).");
        }

        var form = await request.ReadFormAsync(cancellationToken);
        if (form[FormField] != FormValue)
        {
            return ApiProblems.Invalid("Not a one-click unsubscribe.", FormField, $"The form must say {FormField}={FormValue} (RFC 8058).");
        }

        if (await unsubscribes.VerifyAsync(token) is not { } claims)
        {
            return ApiProblems.Invalid("The unsubscribe link is not valid.", "token",
                "This link is not one P-PIPE sent, or it was changed. Use the link from the mail as it is, or change your settings on your page.");
        }

        var changed = await unsubscribes.ApplyAsync(claims);
        return TypedResults.Ok(new UnsubscribeResult(claims.Kind, changed, Sentence(claims, changed)));
    }

    /// <summary>What the person reads after unsubscribing.</summary>
    public static string Sentence(UnsubscribeToken claims, bool changed)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var what = NotificationKinds.Describe(claims.Kind);
        return changed ? $"You will no longer be notified of {what}." : $"Notifications of {what} were already off.";
    }
}
