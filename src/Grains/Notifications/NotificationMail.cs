namespace PPipe.Grains.Notifications;

/// <summary>A notification mail ready for the transport: never transactional, so it always carries its unsubscribe link.</summary>
internal sealed record NotificationMail(
    string ToAddress, string ToName, string Subject, string TextBody, string HtmlBody, Uri UnsubscribeUrl, string MessageId);
