using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using PPipe.Frontend.Api;
using PPipe.Grains.Client.Email;
using PPipe.Grains.Client.Join;
using PPipe.Grains.Client.Roster;
using PPipe.Grains.Client.Site;
using PPipe.Grains.Interfaces.Cohorts;
using PPipe.Grains.Interfaces.Email;

namespace PPipe.Frontend.Join;

/// <summary>
/// Self-enrollment and mailed links. Instructors open, read and close a cohort's join link; anyone asks to join through
/// it, confirms with the mailed link and gets their token once; students ask for a sign-in link or for a link that
/// replaces a lost token. Requests for mail are answered the same whether or not the address is enrolled.
/// </summary>
public static class JoinEndpoints
{
    /// <summary><c>/api/v1/admin/cohorts/{id}/join</c>.</summary>
    public static RouteGroupBuilder MapJoinAdminEndpoints(this RouteGroupBuilder admin)
    {
        var join = admin.MapGroup("/cohorts/{id}/join");
        join.MapPost("/", OpenAsync)
            .WithSummary("Open self-enrollment (or change its limits)")
            .WithDescription("Body {allowedDomains?, cap?, closesAt?, allowlist?}, every field optional. Opens the cohort's join link with " +
                "an unguessable code, or changes the limits of the open link (its code stays); a link opened again after it was closed " +
                "gets a new code. allowlist is a list of {studentId, name, email}: then only those addresses may join, under those ids " +
                "and names. It replaces the current allowlist; left out, the current one stays; [] removes it. Every field that needs " +
                "fixing is named in one 422.");
        join.MapGet("/", GetAsync)
            .WithSummary("The cohort's join link")
            .WithDescription("Its code, the link to share, whether it takes joins, its limits and how many joined through it. 404 when " +
                "self-enrollment was never opened.");
        join.MapDelete("/", CloseAsync)
            .WithSummary("Close self-enrollment")
            .WithDescription("The link stops working at once, confirmation links already mailed included. Students who joined stay.");
        return admin;
    }

    /// <summary>The anonymous routes: joining, confirming, sign-in links and lost tokens.</summary>
    public static RouteGroupBuilder MapJoinEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/join/confirm", ConfirmAsync)
            .WithSummary("Confirm joining")
            .WithDescription("Body {ticket}: the t value of the link in the confirmation mail. Enrolls the student (one enrollment per " +
                "address and cohort) and answers their token, this once. A link works once and expires; 404 unknown, 409 used or " +
                "already enrolled or the cap reached, 410 expired or the join link closed.");
        api.MapPost("/join/{code}", RequestJoinAsync)
            .AddEndpointFilter(RequirePublicAddressAsync)
            .WithSummary("Ask to join a cohort")
            .WithDescription("Body {name, email}. Answers 202 with the same body whether or not the address is enrolled; a mail with a " +
                "confirmation link goes to the address (to an enrolled address a sign-in link instead; to an address an allowlist lacks, " +
                "a note). 404 unknown code, 410 closed, 409 full, 422 for a malformed or disposable address or a domain the link does " +
                "not admit, 429 when the address or the cohort asked too often.");
        api.MapPost("/signin-links", RequestSignInLinkAsync)
            .AddEndpointFilter(RequirePublicAddressAsync)
            .WithSummary("E-mail me a sign-in link")
            .WithDescription("Body {email}. Answers 202 with the same body whether or not the address is a student's; if it is, a mail " +
                "with a one-time sign-in link for the student's page goes to it (one link per course).");
        api.MapPost("/token-recovery", RequestRecoveryAsync)
            .AddEndpointFilter(RequirePublicAddressAsync)
            .WithSummary("Lost my token")
            .WithDescription("Body {email}. Answers 202 with the same body whether or not the address is a student's; if it is, a mail " +
                "with a one-time link that replaces the token goes to it.");
        api.MapPost("/token-recovery/confirm", RecoverAsync)
            .WithSummary("Replace a lost token")
            .WithDescription("Body {ticket}: the t value of the link in the mail. Answers the new token, this once; the old token stops " +
                "working. 404 unknown, 409 used, 410 expired or the enrollment gone.");
        return api;
    }

    private static async Task<Results<Ok<JoinLinkView>, NotFoundProblem, InvalidProblem>> OpenAsync(string id, JoinLinkRequest? request,
        IGrainFactory grains, SelfEnrollment joins, RosterEnrollment roster, PublicSite site, TimeProvider time)
    {
        if (await grains.GetGrain<ICohortGrain>(id).GetAsync() is null)
        {
            return NoCohort(id);
        }

        var now = time.GetUtcNow();
        var validation = await JoinLinkRequestValidator.ValidateAsync(id, request ?? new JoinLinkRequest(), roster, now);
        if (!validation.IsValid)
        {
            return ApiProblems.Invalid("The join link is not valid.", $"{validation.Errors.Count} field(s) need fixing; nothing was changed.", validation.Errors);
        }

        var link = await joins.OpenAsync(id, validation.Settings!, validation.Allowlist);
        return TypedResults.Ok(JoinLinkView.Of(link, site, now));
    }

    private static async Task<Results<Ok<JoinLinkView>, NotFoundProblem>> GetAsync(string id, SelfEnrollment joins, PublicSite site, TimeProvider time) =>
        await joins.GetAsync(id) is { } link
            ? TypedResults.Ok(JoinLinkView.Of(link, site, time.GetUtcNow()))
            : ApiProblems.NotFound($"Cohort '{id}' has no join link: open one with POST /api/v1/admin/cohorts/{id}/join.");

    private static async Task<Results<Ok<JoinLinkView>, NotFoundProblem>> CloseAsync(string id, SelfEnrollment joins, PublicSite site, TimeProvider time) =>
        await joins.CloseAsync(id) is { } link
            ? TypedResults.Ok(JoinLinkView.Of(link, site, time.GetUtcNow()))
            : ApiProblems.NotFound($"Cohort '{id}' has no join link.");

    private static async Task<Results<Accepted<MailRequestAccepted>, NotFoundProblem, ConflictProblem, GoneProblem, InvalidProblem, TooManyProblem>>
        RequestJoinAsync(string code, JoinRequest? request, SelfEnrollment joins, HttpResponse response)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (EmailCheck.NameProblem(request?.Name) is { } nameProblem)
        {
            errors["name"] = [nameProblem];
        }

        if (EmailCheck.Problem(request?.Email) is { } emailProblem)
        {
            errors["email"] = [emailProblem];
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Invalid("The request to join is not valid.", string.Join(" ", errors.Values.SelectMany(e => e)), errors);
        }

        var result = await joins.RequestAsync(code, request!.Name!, request.Email!);
        return result.Status switch
        {
            JoinRequestStatus.Accepted => TypedResults.Accepted((string?)null, MailRequestAccepted.Join),
            JoinRequestStatus.Closed => ApiProblems.Gone("This join link is closed.", "The course no longer takes students through this link; ask the instructor."),
            JoinRequestStatus.Full => ApiProblems.Conflict("This course is full.", "As many students as the instructor allowed have joined through this link; ask the instructor."),
            JoinRequestStatus.DomainNotAllowed => ApiProblems.Invalid("This address cannot join.", "email",
                "The course admits addresses at the domains its instructor chose only; use your address there."),
            JoinRequestStatus.TooManyForAddress => TooMany(response, result.RetryAfter, "This address asked too often; try again later."),
            JoinRequestStatus.TooManyForCohort => TooMany(response, result.RetryAfter, "This course takes many requests right now; try again in a minute."),
            _ => ApiProblems.NotFound("There is no join link with this code: check the link you were given."),
        };
    }

    private static async Task<Results<Ok<StudentTokenView>, NotFoundProblem, ConflictProblem, GoneProblem, InvalidProblem>> ConfirmAsync(
        LinkRequest? request, SelfEnrollment joins, HttpResponse response)
    {
        response.Headers.CacheControl = "no-store";
        if (string.IsNullOrWhiteSpace(request?.Ticket))
        {
            return NoTicket();
        }

        var joined = await joins.ConfirmAsync(request.Ticket.Trim());
        return joined.Outcome == LinkOutcome.Done
            ? TypedResults.Ok(new StudentTokenView(joined.CohortId!, joined.CohortName!, joined.StudentId!, joined.Token!))
            : LinkProblem(joined.Outcome);
    }

    private static async Task<Results<Accepted<MailRequestAccepted>, InvalidProblem, TooManyProblem>> RequestSignInLinkAsync(
        EmailRequest? request, MailedLinks links, HttpResponse response) =>
        await RequestMailAsync(request, links.RequestSignInAsync, MailRequestAccepted.SignIn, response);

    private static async Task<Results<Accepted<MailRequestAccepted>, InvalidProblem, TooManyProblem>> RequestRecoveryAsync(
        EmailRequest? request, MailedLinks links, HttpResponse response) =>
        await RequestMailAsync(request, links.RequestRecoveryAsync, MailRequestAccepted.Recovery, response);

    private static async Task<Results<Ok<StudentTokenView>, NotFoundProblem, ConflictProblem, GoneProblem, InvalidProblem>> RecoverAsync(
        LinkRequest? request, MailedLinks links, HttpResponse response)
    {
        response.Headers.CacheControl = "no-store";
        if (string.IsNullOrWhiteSpace(request?.Ticket))
        {
            return NoTicket();
        }

        var recovered = await links.RecoverAsync(request.Ticket.Trim());
        return recovered.Outcome == LinkOutcome.Done
            ? TypedResults.Ok(new StudentTokenView(recovered.CohortId!, recovered.CohortName!, recovered.StudentId!, recovered.Token!))
            : LinkProblem(recovered.Outcome);
    }

    private static async Task<Results<Accepted<MailRequestAccepted>, InvalidProblem, TooManyProblem>> RequestMailAsync(
        EmailRequest? request, Func<string, Task<MailRequestOutcome>> ask, MailRequestAccepted answer, HttpResponse response)
    {
        // Disposable addresses are not refused here: only an address an instructor or a join already recorded gets mail.
        if (EmailCheck.Problem(request?.Email, refuseDisposable: false) is { } problem)
        {
            return ApiProblems.Invalid("The address is not valid.", "email", problem);
        }

        var outcome = await ask(request!.Email!);
        return outcome.Accepted ? TypedResults.Accepted((string?)null, answer) : TooMany(response, outcome.RetryAfter, "This address asked too often; try again later.");
    }

    /// <summary>The problem for a mailed link that did not do its work, by why.</summary>
    private static Results<Ok<StudentTokenView>, NotFoundProblem, ConflictProblem, GoneProblem, InvalidProblem> LinkProblem(LinkOutcome outcome) => outcome switch
    {
        LinkOutcome.Used => ApiProblems.Conflict("This link was used already.", "A link from a mail works once. Ask for a new one if you need it."),
        LinkOutcome.Expired => ApiProblems.Gone("This link has expired.", "Ask for a new link; it will work for a limited time."),
        LinkOutcome.Closed => ApiProblems.Gone("This join link is closed.", "The course no longer takes students through this link; ask the instructor."),
        LinkOutcome.Full => ApiProblems.Conflict("This course is full.", "As many students as the instructor allowed have joined; ask the instructor."),
        LinkOutcome.AlreadyEnrolled => ApiProblems.Conflict("You are already in this course.",
            "This address is enrolled already: sign in with your token, or ask for a sign-in link or a new token by e-mail."),
        LinkOutcome.Gone => ApiProblems.Gone("This enrollment is gone.", "The course or your place in it no longer exists; ask the instructor."),
        _ => ApiProblems.NotFound("This link is not valid: copy the whole link from the mail."),
    };

    private static InvalidProblem NoTicket() => ApiProblems.Invalid("The link is missing.", "ticket", "Send {\"ticket\": ...}: the t value of the link in the mail.");

    private static NotFoundProblem NoCohort(string id) => ApiProblems.NotFound($"There is no cohort '{id}'.");

    /// <summary>
    /// Refuses a request for mail with 503 while this front end does not know the platform's public address (cluster mode
    /// without <c>Site:PublicUrl</c>): the links in the mail could not be built.
    /// </summary>
    private static async ValueTask<object?> RequirePublicAddressAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        context.HttpContext.RequestServices.GetRequiredService<PublicSite>().IsKnown
            ? await next(context)
            : TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Mail links are not configured.",
                detail: "This platform does not know its public address, which links in mails are built from: the operator must set Site:PublicUrl.");

    private static TooManyProblem TooMany(HttpResponse response, TimeSpan retryAfter, string detail)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return ApiProblems.TooMany("Too many requests.", $"{detail} Retry in {seconds} s.");
    }
}
