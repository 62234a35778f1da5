using PPipe.Grains.Interfaces.Notifications;

namespace PPipe.Grains.Notifications;

/// <summary>
/// Watches a student's endpoint probe by probe: after <c>threshold</c> failures in a row it says the endpoint is
/// failing (once per episode), and at the next success that it recovered. A probe counts by its last attempt: a retry
/// that succeeded is a success.
/// </summary>
[GenerateSerializer, Immutable, Alias("ppipe.EndpointWatch")]
internal sealed record EndpointWatch(int FailuresInARow, bool Down, int Episodes)
{
    public static EndpointWatch Initial { get; } = new(0, false, 0);

    /// <summary>The watch after one probe at <paramref name="at"/>, and what to tell (null: nothing).</summary>
    public (EndpointWatch Watch, NotificationEvent? Notice) Observe(bool ok, string? error, int threshold, DateTimeOffset at)
    {
        if (ok)
        {
            return Down
                ? (new EndpointWatch(0, false, Episodes), new NotificationEvent(NotificationKind.Endpoint, $"endpoint-{Episodes}-up", at,
                    "Your endpoint answers again", $"It answered a probe at {NotificationText.Time(at)} after failing {threshold} or more in a row."))
                : (this with { FailuresInARow = 0 }, null);
        }

        var failures = FailuresInARow + 1;
        if (Down || failures < threshold)
        {
            return (this with { FailuresInARow = failures }, null);
        }

        var episode = Episodes + 1;
        return (new EndpointWatch(failures, true, episode), new NotificationEvent(NotificationKind.Endpoint, $"endpoint-{episode}-down", at,
            $"Your endpoint failed {failures} probes in a row",
            $"The latest, at {NotificationText.Time(at)}: {error ?? "no answer"}. Probes go on; you will hear when it answers again."));
    }
}
