using System.Collections.Concurrent;
using PPipe.Grains.Client.Notifications;
using PPipe.Grains.Notifications;

namespace PPipe.Grains.Tests.Infrastructure;

/// <summary>
/// The test silos' mail transport: records every mail handed to it (each attempt, and those it accepted) and does what
/// a test scripts for a cohort first (fail, hold). Mails are told apart by the cohort their unsubscribe link names, so
/// tests sharing the cluster do not see each other's.
/// </summary>
internal sealed class MailsSent : INotificationMailer
{
    private readonly ConcurrentQueue<NotificationMail> _attempts = new();
    private readonly ConcurrentQueue<NotificationMail> _accepted = new();
    private readonly ConcurrentDictionary<string, Func<NotificationMail, Task>> _behaviour = new(StringComparer.Ordinal);

    /// <summary>Runs before a mail of <paramref name="cohortId"/> is accepted: throw to refuse it, wait to hold it; null: accept at once.</summary>
    public void When(string cohortId, Func<NotificationMail, Task>? behaviour)
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

    /// <summary>Mails of the cohort the transport accepted, in order.</summary>
    public IReadOnlyList<NotificationMail> Accepted(string cohortId) => [.. _accepted.Where(m => CohortOf(m) == cohortId)];

    /// <summary>Every mail of the cohort handed to the transport, accepted or not, in order.</summary>
    public IReadOnlyList<NotificationMail> Attempts(string cohortId) => [.. _attempts.Where(m => CohortOf(m) == cohortId)];

    public async Task SendAsync(NotificationMail mail, CancellationToken cancellationToken)
    {
        _attempts.Enqueue(mail);
        if (CohortOf(mail) is { } cohort && _behaviour.TryGetValue(cohort, out var behaviour))
        {
            await behaviour(mail);
        }

        _accepted.Enqueue(mail);
    }

    /// <summary>The claims of the mail's unsubscribe link.</summary>
    public static UnsubscribeToken Claims(NotificationMail mail) =>
        UnsubscribeToken.TryRead(Uri.UnescapeDataString(mail.UnsubscribeUrl.Query["?token=".Length..]), out var claims)
            ? claims
            : throw new InvalidOperationException($"The mail's unsubscribe link {mail.UnsubscribeUrl} carries no readable token.");

    private static string? CohortOf(NotificationMail mail) => Claims(mail).CohortId;
}
