using System.Collections.Concurrent;
using PPipe.Grains.Mail;

namespace PPipe.TestSupport;

/// <summary>
/// A mail transport for in-process test clusters that keeps every mail it is given, for tests about what the platform
/// decides to send (delivery itself is tested against a real SMTP server). Register it before the grains' services.
/// </summary>
public sealed class RecordingMailTransport : IMailTransport
{
    private readonly ConcurrentQueue<OutgoingMail> _sent = new();

    public IReadOnlyList<OutgoingMail> Sent => [.. _sent];

    public Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        // Whatever the real transports refuse is refused here too.
        MailFormat.ToMimeMessage(mail, new MailOptions(), DateTimeOffset.UnixEpoch);
        _sent.Enqueue(mail);
        return Task.CompletedTask;
    }

    /// <summary>The mails to <paramref name="address"/> so far, oldest first.</summary>
    public IReadOnlyList<OutgoingMail> To(string address) =>
        [.. _sent.Where(m => string.Equals(m.ToAddress, address, StringComparison.OrdinalIgnoreCase))];

    /// <summary>Waits (with a deadline) until <paramref name="address"/> has <paramref name="count"/> mails or more, and returns them.</summary>
    public Task<IReadOnlyList<OutgoingMail>> WaitForAsync(string address, int count = 1, CancellationToken cancellationToken = default) =>
        Eventually.ReturnsAsync(() => Task.FromResult(To(address)), m => m.Count >= count, $"{count} mail(s) to {address}", cancellationToken: cancellationToken);

    /// <summary>The secret of the first link in <paramref name="mail"/> to <paramref name="page"/> (its <c>t</c> query value).</summary>
    public static string SecretIn(OutgoingMail mail, string page)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var marker = page + "?t=";
        var start = mail.TextBody.IndexOf(marker, StringComparison.Ordinal);
        if (start < 0)
        {
            throw new InvalidOperationException($"Mail '{mail.Subject}' has no link to {page}:\n{mail.TextBody}");
        }

        start += marker.Length;
        var end = start;
        while (end < mail.TextBody.Length && (char.IsAsciiLetterOrDigit(mail.TextBody[end]) || mail.TextBody[end] is '-' or '_'))
        {
            end++;
        }

        return mail.TextBody[start..end];
    }
}
