namespace PPipe.Grains.Notifications;

/// <summary>Hands a notification mail to the mail transport; throws when it was not accepted.</summary>
internal interface INotificationMailer
{
    Task SendAsync(NotificationMail mail, CancellationToken cancellationToken);
}
