using PPipe.Grains.Client.Email;
using PPipe.Grains.Client.Roster;
using PPipe.Grains.Interfaces.Cohorts;
using PPipe.Grains.Interfaces.Email;
using PPipe.Grains.Interfaces.Join;
using PPipe.Grains.Interfaces.Roster;

namespace PPipe.Grains.Client.Join;

/// <summary>
/// Students joining a cohort by themselves: the instructor opens, changes and closes the join link; a person asks to join
/// with a name and an address; the address's grain mails them a one-time confirmation link (or, if they are enrolled
/// already or not on the allowlist, says so to the address, never to the asker); confirming takes a seat under the cap and
/// enrolls them through the roster, as an uploaded roster would, and gives their token once.
/// </summary>
public sealed class SelfEnrollment(IGrainFactory grains, RosterEnrollment roster, TimeProvider time)
{
    /// <summary>The length of a join code: 128 random bits, URL-safe.</summary>
    public const int CodeLength = 22;

    public Task<JoinLink?> GetAsync(string cohortId) => grains.GetGrain<IJoinLinkGrain>(cohortId).GetAsync();

    public Task<JoinLink?> CloseAsync(string cohortId) => grains.GetGrain<IJoinLinkGrain>(cohortId).CloseAsync();

    /// <summary>
    /// Opens self-enrollment (or changes the open link's limits). With <paramref name="allowlist"/> (its rows checked, their
    /// addresses normalized and distinct) only those students may join, under their listed ids and names; without it,
    /// anyone the other limits admit. The allowlist is stored before the link is opened under it.
    /// </summary>
    public async Task<JoinLink> OpenAsync(string cohortId, JoinSettings settings, IReadOnlyList<RosterRow>? allowlist)
    {
        var link = grains.GetGrain<IJoinLinkGrain>(cohortId);
        var previous = await link.GetAsync();
        if (allowlist is not null || previous?.AllowlistSize > 0)
        {
            var byPage = (allowlist ?? []).ToLookup(s => JoinAllowlists.PageOf(s.Email));
            await Task.WhenAll(Enumerable.Range(0, JoinAllowlists.Pages).Select(page =>
                grains.GetGrain<IJoinAllowlistGrain>(JoinAllowlists.KeyOf(cohortId, page)).ReplaceAsync([.. byPage[page]])));
        }

        return await link.OpenAsync(settings with { Allowlist = allowlist is not null }, allowlist?.Count ?? 0);
    }

    /// <summary>What the join page of <paramref name="code"/> shows; null for a code no cohort has (now).</summary>
    public async Task<JoinPage?> PageAsync(string? code)
    {
        if (await CohortOfAsync(code) is not { } cohortId
            || await grains.GetGrain<IJoinLinkGrain>(cohortId).GetAsync() is not { } link || link.Code != code
            || await grains.GetGrain<ICohortGrain>(cohortId).GetAsync() is not { } cohort)
        {
            return null;
        }

        var state = !link.OpenAt(time.GetUtcNow()) ? JoinAdmission.Closed : link.Full ? JoinAdmission.Full : JoinAdmission.Admitted;
        return new JoinPage(cohortId, cohort.Name, state, link.Settings);
    }

    /// <summary>
    /// A request to join through <paramref name="code"/> as <paramref name="name"/> at <paramref name="address"/> (both
    /// already checked by <see cref="EmailCheck"/>). Accepted means the same whether or not the address is enrolled.
    /// </summary>
    public async Task<JoinRequestResult> RequestAsync(string code, string name, string address)
    {
        if (await CohortOfAsync(code) is not { } cohortId)
        {
            return new JoinRequestResult(JoinRequestStatus.UnknownCode);
        }

        var normalized = EmailAddress.Normalize(address);
        var admission = await grains.GetGrain<IJoinLinkGrain>(cohortId).AdmitAsync(code, EmailAddress.DomainOf(normalized));
        switch (admission.Admission)
        {
            case JoinAdmission.Admitted:
                break;
            case JoinAdmission.TooManyRequests:
                return new JoinRequestResult(JoinRequestStatus.TooManyForCohort, admission.RetryAfter);
            default:
                return new JoinRequestResult(admission.Admission switch
                {
                    JoinAdmission.Closed => JoinRequestStatus.Closed,
                    JoinAdmission.Full => JoinRequestStatus.Full,
                    JoinAdmission.DomainNotAllowed => JoinRequestStatus.DomainNotAllowed,
                    _ => JoinRequestStatus.UnknownCode,
                });
        }

        var mail = await grains.GetGrain<IStudentEmailGrain>(normalized)
            .RequestMailAsync(new StudentMailRequest(StudentMailKind.Join, name.Trim(), cohortId, code, admission.Allowlist));
        return mail.Accepted ? new JoinRequestResult(JoinRequestStatus.Accepted) : new JoinRequestResult(JoinRequestStatus.TooManyForAddress, mail.RetryAfter);
    }

    /// <summary>Whether a confirmation link still works, and its course; uses nothing.</summary>
    public async Task<LinkPreview> PeekAsync(string? secret)
    {
        if (!MailTickets.LooksValid(secret))
        {
            return new LinkPreview(LinkOutcome.Unknown, null);
        }

        var peek = await grains.GetGrain<IMailTicketGrain>(MailTickets.KeyOf(secret!)).PeekAsync(MailTicketKind.JoinConfirmation);
        var name = peek.Ticket is { } ticket ? (await grains.GetGrain<ICohortGrain>(ticket.CohortId).GetAsync())?.Name : null;
        return new LinkPreview(MailedLinks.OutcomeOf(peek.Status), name);
    }

    /// <summary>
    /// Uses a confirmation link: the link is spent first (so of two clicks one enrolls), then a seat is taken under the cap,
    /// then the student is enrolled through the roster with their allowlisted id or the one derived from their address
    /// (<see cref="SelfEnrolledStudent"/>). Their token is returned this once. When enrolling fails the seat is given back
    /// and the link works again.
    /// </summary>
    public async Task<IssuedToken> ConfirmAsync(string? secret)
    {
        if (!MailTickets.LooksValid(secret))
        {
            return new IssuedToken(LinkOutcome.Unknown);
        }

        var ticketGrain = grains.GetGrain<IMailTicketGrain>(MailTickets.KeyOf(secret!));
        var redemption = await ticketGrain.RedeemAsync(MailTicketKind.JoinConfirmation);
        if (redemption is not { Status: TicketStatus.Valid, Ticket: { } ticket })
        {
            return new IssuedToken(MailedLinks.OutcomeOf(redemption.Status));
        }

        var link = grains.GetGrain<IJoinLinkGrain>(ticket.CohortId);
        switch (await link.TakeSeatAsync(ticket.Code ?? ""))
        {
            case JoinAdmission.Admitted:
                break;
            case JoinAdmission.Full:
                return new IssuedToken(LinkOutcome.Full);
            default:
                return new IssuedToken(LinkOutcome.Closed);
        }

        try
        {
            var outcome = await EnrollAsync(ticket);
            if (outcome.Outcome != LinkOutcome.Done)
            {
                await link.ReturnSeatAsync();
            }

            return outcome;
        }
        catch
        {
            await link.ReturnSeatAsync();
            await ticketGrain.ReleaseAsync();
            throw;
        }
    }

    private async Task<IssuedToken> EnrollAsync(MailTicket ticket)
    {
        var cohortGrain = grains.GetGrain<ICohortGrain>(ticket.CohortId);
        if (await cohortGrain.GetAsync() is not { } cohort)
        {
            return new IssuedToken(LinkOutcome.Gone);
        }

        var enrolled = await grains.GetGrain<IStudentEmailGrain>(ticket.Address).EnrollmentsAsync();
        if (enrolled.Any(e => e.CohortId == cohort.Id))
        {
            return new IssuedToken(LinkOutcome.AlreadyEnrolled);
        }

        var studentId = ticket.StudentId ?? SelfEnrolledStudent.IdFor((await cohortGrain.GetRosterKeyAsync()).AsSpan(), ticket.Address);
        var outcomes = await roster.EnrollAsync(cohort.Id, [new NumberedRosterRow(1, new RosterRow(studentId, ticket.Name, ticket.Address))]);
        if (outcomes is not { Length: 1 } single)
        {
            return new IssuedToken(LinkOutcome.Gone);
        }

        var outcome = single[0];
        // Refused (the id is someone else's) or already there (a roster uploaded meanwhile): not a new enrollment.
        return outcome.Error is not null || outcome.AlreadyEnrolled || outcome.Token is null
            ? new IssuedToken(LinkOutcome.AlreadyEnrolled)
            : new IssuedToken(LinkOutcome.Done, cohort.Id, cohort.Name, studentId, outcome.Token);
    }

    private async Task<string?> CohortOfAsync(string? code) =>
        code is { Length: CodeLength } && code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? await grains.GetGrain<IJoinCodeGrain>(code).CohortAsync()
            : null;
}
