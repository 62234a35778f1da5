using System.Collections.Concurrent;
using PPipe.Grains.Client.Notifications;
using PPipe.Grains.Mail;
using PPipe.TestSupport;

namespace PPipe.Grains.Tests.Infrastructure;

/// <summary>
/// The test silos' mail transport: records every notification mail handed to it (each attempt), does what a test scripts
/// for the mail's cohort first (refuse it, hold it), then passes it on to the <see cref="RecordingMailTransport"/> every
/// mail ends in. Notification mails are told apart by the cohort their unsubscribe link names, so tests sharing the
/// cluster do not see each other's.
/// </summary>
public sealed class MailsSent(RecordingMailTransport accepted) : IMailTransport
{
    private readonly ConcurrentQueue<OutgoingMail> _attempts = new();
    private readonly ConcurrentDictionary<string, Func<OutgoingMail, Task>> _behaviour = new(StringComparer.Ordinal);

    /// <summary>Runs before a mail of <paramref name="cohortId"/> is accepted: throw to refuse it, wait to hold it; null: accept at once.</summary>
    public void When(string cohortId, Func<OutgoingMail, Task>? behaviour)
    {
        if (behaviour is null)
        {
            _behaviour.TryRemove(cohortId, out _);
        }
        else
        {
            _behaviour[cohortId] = behaviour;
        }
    }

    /// <summary>Notification mails of the cohort the transport accepted, in order.</summary>
    public IReadOnlyList<OutgoingMail> Accepted(string cohortId) => [.. accepted.Sent.Where(m => CohortOf(m) == cohortId)];

    /// <summary>Every notification mail of the cohort handed to the transport, accepted or not, in order.</summary>
    public IReadOnlyList<OutgoingMail> Attempts(string cohortId) => [.. _attempts.Where(m => CohortOf(m) == cohortId)];

    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        if (CohortOf(mail) is { } cohort)
        {
            _attempts.Enqueue(mail);
            if (_behaviour.TryGetValue(cohort, out var behaviour))
            {
                await behaviour(mail);
            }
        }

        await accepted.SendAsync(mail, cancellationToken);
    }

    /// <summary>The claims of a notification mail's unsubscribe link; null for other mail (join links, sign-in links).</summary>
    public static UnsubscribeToken? Claims(OutgoingMail mail) =>
        mail.UnsubscribeUrl is { AbsolutePath: NotificationLinks.OneClickPath } url
        && UnsubscribeToken.TryRead(Uri.UnescapeDataString(url.Query["?token=".Length..]), out var claims)
            ? claims
            : null;

    private static string? CohortOf(OutgoingMail mail) => Claims(mail)?.CohortId;
}
