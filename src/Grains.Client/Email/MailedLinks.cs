using PPipe.Grains.Client.Roster;
using PPipe.Grains.Interfaces.Cohorts;
using PPipe.Grains.Interfaces.Credentials;
using PPipe.Grains.Interfaces.Email;
using PPipe.Grains.Interfaces.Enrollments;

namespace PPipe.Grains.Client.Email;

/// <summary>
/// Sign-in links and token re-issue links: asking for one (answered the same whether or not the address is enrolled;
/// the address's grain decides whether a mail goes), looking at one, and using one.
/// </summary>
public sealed class MailedLinks(IGrainFactory grains, RosterEnrollment roster)
{
    /// <summary>Asks for a sign-in link to <paramref name="address"/> (already checked by <see cref="EmailCheck"/>).</summary>
    public Task<MailRequestOutcome> RequestSignInAsync(string address) =>
        grains.GetGrain<IStudentEmailGrain>(EmailAddress.Normalize(address)).RequestMailAsync(new StudentMailRequest(StudentMailKind.SignIn, ""));

    /// <summary>Asks for a token re-issue link to <paramref name="address"/> (already checked by <see cref="EmailCheck"/>).</summary>
    public Task<MailRequestOutcome> RequestRecoveryAsync(string address) =>
        grains.GetGrain<IStudentEmailGrain>(EmailAddress.Normalize(address)).RequestMailAsync(new StudentMailRequest(StudentMailKind.TokenRecovery, ""));

    /// <summary>Whether a link of <paramref name="kind"/> still works, and the course it is for; uses nothing.</summary>
    public async Task<LinkPreview> PeekAsync(string? secret, MailTicketKind kind)
    {
        if (!MailTickets.LooksValid(secret))
        {
            return new LinkPreview(LinkOutcome.Unknown, null);
        }

        var peek = await grains.GetGrain<IMailTicketGrain>(MailTickets.KeyOf(secret!)).PeekAsync(kind);
        var name = peek.Ticket is { } ticket ? (await grains.GetGrain<ICohortGrain>(ticket.CohortId).GetAsync())?.Name : null;
        return new LinkPreview(OutcomeOf(peek.Status), name);
    }

    /// <summary>Uses a sign-in link: the enrollment it opens, if the student's token still opens it (a removed student's does not).</summary>
    public async Task<StudentSignIn> SignInAsync(string? secret)
    {
        var (outcome, ticket) = await RedeemAsync(secret, MailTicketKind.SignIn);
        if (ticket is null)
        {
            return new StudentSignIn(outcome);
        }

        var enrollment = new EnrollmentKey(ticket.CohortId, ticket.StudentId!);
        var snapshot = await grains.GetGrain<IEnrollmentGrain>(enrollment.ToString()).GetAsync();
        if (snapshot?.CredentialKey is not { } credential || await grains.GetGrain<ICredentialGrain>(credential).ResolveAsync() != enrollment)
        {
            return new StudentSignIn(LinkOutcome.Gone);
        }

        return new StudentSignIn(LinkOutcome.Done, enrollment, credential);
    }

    /// <summary>Uses a token re-issue link: the student's new token (the old one is revoked), shown once.</summary>
    public async Task<IssuedToken> RecoverAsync(string? secret)
    {
        var (outcome, ticket) = await RedeemAsync(secret, MailTicketKind.TokenRecovery);
        if (ticket is null)
        {
            return new IssuedToken(outcome);
        }

        string? token;
        try
        {
            token = await roster.ReissueTokenAsync(ticket.CohortId, ticket.StudentId!);
        }
        catch
        {
            // Nothing was re-issued (or it can be again): the link may be used once more.
            await grains.GetGrain<IMailTicketGrain>(MailTickets.KeyOf(secret!)).ReleaseAsync();
            throw;
        }

        if (token is null)
        {
            return new IssuedToken(LinkOutcome.Gone);
        }

        var cohort = await grains.GetGrain<ICohortGrain>(ticket.CohortId).GetAsync();
        return new IssuedToken(LinkOutcome.Done, ticket.CohortId, cohort?.Name ?? ticket.CohortId, ticket.StudentId, token);
    }

    private async Task<(LinkOutcome Outcome, MailTicket? Ticket)> RedeemAsync(string? secret, MailTicketKind kind)
    {
        if (!MailTickets.LooksValid(secret))
        {
            return (LinkOutcome.Unknown, null);
        }

        var redemption = await grains.GetGrain<IMailTicketGrain>(MailTickets.KeyOf(secret!)).RedeemAsync(kind);
        return redemption.Status == TicketStatus.Valid ? (LinkOutcome.Done, redemption.Ticket) : (OutcomeOf(redemption.Status), null);
    }

    /// <summary>A ticket's status as the outcome of using its link.</summary>
    public static LinkOutcome OutcomeOf(TicketStatus status) => status switch
    {
        TicketStatus.Valid => LinkOutcome.Done,
        TicketStatus.Used => LinkOutcome.Used,
        TicketStatus.Expired => LinkOutcome.Expired,
        _ => LinkOutcome.Unknown,
    };
}
