using MimeKit;
using MimeKit.Utils;

namespace PPipe.Grains.Mail;

/// <summary>
/// Turns an <see cref="OutgoingMail"/> into the MIME message both transports send: From the configured sender, a
/// multipart/alternative body (plain text first, then HTML), a Message-ID (the mail's own when it has one), and for a
/// mail that is not transactional the RFC 8058 one-click unsubscribe headers. Refuses what must not be sent.
/// </summary>
public static class MailFormat
{
    /// <summary>The most characters of a subject; a longer one is a bug in the code that wrote it.</summary>
    public const int MaxSubjectLength = 250;

    public static MimeMessage ToMimeMessage(OutgoingMail mail, MailOptions options, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(mail);
        ArgumentNullException.ThrowIfNull(options);
        if (!MailboxAddress.TryParse(mail.ToAddress, out var to) || !to.Address.Contains('@', StringComparison.Ordinal) || to.Address != mail.ToAddress.Trim())
        {
            throw new ArgumentException($"'{mail.ToAddress}' is not an e-mail address.", nameof(mail));
        }

        if (string.IsNullOrWhiteSpace(mail.Subject) || mail.Subject.Length > MaxSubjectLength || mail.Subject.AsSpan().ContainsAny('\r', '\n'))
        {
            throw new ArgumentException($"A subject is one line of 1 to {MaxSubjectLength} characters.", nameof(mail));
        }

        if (!mail.Transactional && mail.UnsubscribeUrl is null)
        {
            throw new ArgumentException(
                "A mail that is not transactional must carry an unsubscribe URL (RFC 8058): the receiver did not ask for it just now.", nameof(mail));
        }

        if (mail.UnsubscribeUrl is { } unsubscribe && (!unsubscribe.IsAbsoluteUri || unsubscribe.Scheme is not ("https" or "http")))
        {
            throw new ArgumentException($"The unsubscribe URL must be an absolute http(s) URL (got '{unsubscribe}').", nameof(mail));
        }

        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(options.FromName, options.From));
        message.To.Add(new MailboxAddress(mail.ToName, to.Address));
        message.Subject = mail.Subject;
        message.Date = now;
        message.MessageId = MessageIdOf(mail.MessageId, options.From);
        // Autoresponders (out of office, vacation) must not answer a machine.
        message.Headers.Add("Auto-Submitted", "auto-generated");
        if (!mail.Transactional)
        {
            message.Headers.Add("List-Unsubscribe", $"<{mail.UnsubscribeUrl!.AbsoluteUri}>");
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }

        message.Body = new BodyBuilder { TextBody = mail.TextBody, HtmlBody = mail.HtmlBody }.ToMessageBody();
        return message;
    }

    /// <summary>
    /// The Message-ID (without angle brackets): <paramref name="messageId"/> when given, with the sender's domain added
    /// when it has no <c>@</c> of its own (a Message-ID is <c>left@right</c>); otherwise a new unique one.
    /// </summary>
    public static string MessageIdOf(string? messageId, string from)
    {
        var domain = from[(from.LastIndexOf('@') + 1)..];
        if (string.IsNullOrWhiteSpace(messageId))
        {
            return MimeUtils.GenerateMessageId(domain);
        }

        var id = messageId.Trim().TrimStart('<').TrimEnd('>');
        if (id.Length == 0 || id.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '>' or '"' or '\\' or '(' or ')' or ',' or ';' or ':' or '[' or ']'))
        {
            throw new ArgumentException($"'{messageId}' cannot be a Message-ID: use letters, digits and . - _ + = @ only.", nameof(messageId));
        }

        return id.Contains('@', StringComparison.Ordinal) ? id : $"{id}@{domain}";
    }
}
