namespace PPipe.Grains.Notifications;

/// <summary>The mailer until a mail transport is registered: every mail fails, so notifications wait in their outboxes.</summary>
internal sealed class UnconfiguredMailer : INotificationMailer
{
    public Task SendAsync(NotificationMail mail, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("No mail transport is registered in this silo.");
}
