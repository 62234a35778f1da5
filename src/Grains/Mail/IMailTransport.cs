namespace PPipe.Grains.Mail;

/// <summary>
/// Sends e-mail: through an SMTP server (<see cref="SmtpMailTransport"/>) when <c>Mail:Smtp:Host</c> is set, otherwise into
/// a pickup folder (<see cref="PickupFolderMailTransport"/>). One singleton per silo; grains inject it.
/// </summary>
public interface IMailTransport
{
    /// <summary>
    /// Sends <paramref name="mail"/>; returns once the server (or the folder) has it. Throws <see cref="ArgumentException"/>
    /// for a mail that must not be sent as it is (a bad address, a non-transactional mail without an unsubscribe URL) and
    /// <see cref="MailDeliveryException"/> when the server refused it or could not be reached after every attempt.
    /// </summary>
    Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken);
}
