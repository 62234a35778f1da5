using System.Collections.Immutable;
using PPipe.Grains.Interfaces.Notifications;
using PPipe.Grains.Notifications;

namespace PPipe.Grains.Tests.Notifications;

/// <summary>Events, recipients and messages for the notification policies' tests.</summary>
internal static class Notices
{
    public static readonly DateTimeOffset T0 = new(2030, 3, 4, 10, 0, 0, TimeSpan.Zero);

    public static readonly NotificationRecipient Ada = new("c-1", "Spring", "ada", "Ada", "ada@example.org", "https://hooks.example.org/x", ChatFormat.Slack);

    public static DateTimeOffset At(double minutes) => T0 + TimeSpan.FromMinutes(minutes);

    public static NotificationEvent Event(NotificationKind kind, string key, double minutes) =>
        new(kind, key, At(minutes), $"{kind} {key}", $"About {key}.");

    public static OutboxMessage Message(string id, NotificationKind kind = NotificationKind.BatchOpened, double decidedAt = 0, NotificationRecipient? to = null) =>
        new(id, kind, At(decidedAt), to ?? Ada, NotificationChannel.None, [Event(kind, id, decidedAt)], 0);

    public static DeliveryReport Delivered(string id, NotificationChannel channel, double minutes) => new(id, channel, true, false, null, At(minutes));

    public static DeliveryReport Failed(string id, NotificationChannel channel, double minutes, bool permanent, string error = "boom") =>
        new(id, channel, false, permanent, error, At(minutes));

    public static ImmutableArray<string> Keys(Decision decision) => [.. decision.Events.Select(e => e.Key)];
}
