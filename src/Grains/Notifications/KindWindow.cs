namespace PPipe.Grains.Notifications;

/// <summary>
/// One kind's window for one recipient: when its last message was decided, the events held since for the digest that
/// ends the window (capped: beyond <see cref="HeldCapacity"/> only a count), and the keys of the newest events taken,
/// so one event is never told twice.
/// </summary>
[GenerateSerializer, Alias("ppipe.KindWindow")]
internal sealed class KindWindow
{
    public const int HeldCapacity = 10;
    public const int KeyCapacity = 16;

    [Id(0)] public DateTimeOffset? OpenedAt { get; set; }
    [Id(1)] public List<NotificationEvent> Held { get; set; } = [];
    [Id(2)] public int HeldOmitted { get; set; }
    [Id(3)] public List<string> Keys { get; set; } = [];

    /// <summary>Remembers <paramref name="key"/>; false when it was taken before.</summary>
    public bool TakeKey(string key)
    {
        if (Keys.Contains(key))
        {
            return false;
        }

        Keys.Add(key);
        if (Keys.Count > KeyCapacity)
        {
            Keys.RemoveAt(0);
        }

        return true;
    }

    /// <summary>Holds an event for the digest; past the capacity, the oldest held one is only counted.</summary>
    public void Hold(NotificationEvent notice)
    {
        Held.Add(notice);
        if (Held.Count > HeldCapacity)
        {
            Held.RemoveAt(0);
            HeldOmitted++;
        }
    }
}
