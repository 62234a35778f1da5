using PPipe.Grains.Interfaces.Notifications;

namespace PPipe.Grains.Notifications;

/// <summary>
/// Who a notification goes to and where, fixed when it is decided: a student of a cohort (or the cohort's instructor,
/// <see cref="StudentId"/> null), their name, e-mail address and chat webhook (each null when that channel is off).
/// </summary>
[GenerateSerializer, Immutable, Alias("ppipe.NotificationRecipient")]
internal sealed record NotificationRecipient(
    string CohortId,
    string CohortName,
    string? StudentId,
    string Name,
    string? Email,
    string? ChatUrl,
    ChatFormat ChatFormat)
{
    public NotificationChannel Channels => (Email is null ? 0 : NotificationChannel.Email) | (ChatUrl is null ? 0 : NotificationChannel.Chat);
}
