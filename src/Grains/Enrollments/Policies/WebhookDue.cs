using PPipe.Grains.Interfaces.Channels;

namespace PPipe.Grains.Enrollments.Policies;

/// <summary>
/// The webhook notifications to send now (each marked pending before it is sent), and the releases to mark finished
/// unsent because they came before the webhook was registered.
/// </summary>
internal sealed record WebhookDue(IReadOnlyList<WebhookNotice> Send, IReadOnlyList<int> Skipped)
{
    public static readonly WebhookDue None = new([], []);

    public bool IsEmpty => Send.Count == 0 && Skipped.Count == 0;
}
