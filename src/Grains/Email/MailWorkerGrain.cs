using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using PPipe.Grains.Client.Cohorts;
using PPipe.Grains.Client.Site;
using PPipe.Grains.Interfaces.Email;
using PPipe.Grains.Mail;

namespace PPipe.Grains.Email;

/// <summary>
/// Writes and sends the mails people ask for, off the request that asked: at most <see cref="MaxWorkers"/> activations per
/// silo, each one mail at a time (the transport bounds the connections again). A mail that cannot be sent is logged; the
/// person asks again. Nothing here is durable: a silo lost before sending loses the mail, never sends it twice.
/// </summary>
[StatelessWorker(MaxWorkers)]
internal sealed partial class MailWorkerGrain(
    IMailTransport transport,
    PublicSite site,
    CohortDirectory cohorts,
    IOptions<StudentMailOptions> options,
    TimeProvider time,
    ILogger<MailWorkerGrain> logger) : Grain, IMailWorkerGrain
{
    public const int MaxWorkers = 16;

    public async Task SendAsync(StudentMailJob job)
    {
        try
        {
            if (!site.IsKnown)
            {
                LogNoPublicAddress(logger, job.Kind);
                return;
            }

            var mail = await WriteAsync(job);
            await transport.SendAsync(mail, CancellationToken.None);
            LogSent(logger, job.Kind, job.Targets.Length);
        }
        catch (Exception e) when (e is MailDeliveryException or ArgumentException or InvalidOperationException or TimeoutException or OrleansException)
        {
            LogFailed(logger, job.Kind, e.GetType().Name, e.Message);
        }
    }

    private async Task<OutgoingMail> WriteAsync(StudentMailJob job)
    {
        var limits = options.Value;
        switch (job.Kind)
        {
            case StudentMailJobKind.JoinConfirmation:
                return StudentMails.JoinConfirmation(job.Address, job.Name,
                    await CourseAsync(job, job.Targets[0], MailTicketKind.JoinConfirmation, limits.JoinLinkLifetime, "join/confirm"), limits.JoinLinkLifetime);
            case StudentMailJobKind.AlreadyEnrolled:
                return StudentMails.AlreadyEnrolled(job.Address, job.Name,
                    await CourseAsync(job, job.Targets[0], MailTicketKind.SignIn, limits.SignInLinkLifetime, "signin/link"),
                    site.Link("token/recover"), limits.SignInLinkLifetime);
            case StudentMailJobKind.NotOnAllowlist:
                return StudentMails.NotOnAllowlist(job.Address, job.Name, new StudentMails.Course(await CohortNameAsync(job.Targets[0].CohortId), null));
            case StudentMailJobKind.SignIn:
                return StudentMails.SignIn(job.Address, job.Name,
                    await Task.WhenAll(job.Targets.Select(t => CourseAsync(job, t, MailTicketKind.SignIn, limits.SignInLinkLifetime, "signin/link"))),
                    limits.SignInLinkLifetime);
            default:
                return StudentMails.TokenRecovery(job.Address, job.Name,
                    await Task.WhenAll(job.Targets.Select(t => CourseAsync(job, t, MailTicketKind.TokenRecovery, limits.RecoveryLinkLifetime, "token/recover"))),
                    limits.RecoveryLinkLifetime);
        }
    }

    /// <summary>The course's name and a fresh one-time link for it at <paramref name="page"/>, its ticket stored before the mail goes.</summary>
    private async Task<StudentMails.Course> CourseAsync(StudentMailJob job, StudentMailTarget target, MailTicketKind kind, TimeSpan lifetime, string page)
    {
        var ticket = new MailTicket(kind, job.Address, target.CohortId, target.StudentId, job.Name, target.Code, time.GetUtcNow() + lifetime);
        for (var attempt = 0; ; attempt++)
        {
            var secret = MailTickets.NewSecret();
            if (await GrainFactory.GetGrain<IMailTicketGrain>(MailTickets.KeyOf(secret)).IssueAsync(ticket))
            {
                return new StudentMails.Course(await CohortNameAsync(target.CohortId), site.Link($"{page}?t={secret}"));
            }

            if (attempt == 2)
            {
                throw new InvalidOperationException("Three fresh link secrets collided with existing ones.");
            }
        }
    }

    private async Task<string> CohortNameAsync(string cohortId) => (await cohorts.GetAsync(cohortId))?.Name ?? cohortId;

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent a {Kind} mail ({Links} course(s))")]
    private static partial void LogSent(ILogger logger, StudentMailJobKind kind, int links);

    [LoggerMessage(Level = LogLevel.Error, Message = "A {Kind} mail was not sent: {Exception}: {Reason}")]
    private static partial void LogFailed(ILogger logger, StudentMailJobKind kind, string exception, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "A {Kind} mail was not sent: its links need the platform's public address; set Site:PublicUrl on this silo")]
    private static partial void LogNoPublicAddress(ILogger logger, StudentMailJobKind kind);
}
