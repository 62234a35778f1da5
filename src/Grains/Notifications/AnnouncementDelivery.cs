using PPipe.Grains.Interfaces.Notifications;

namespace PPipe.Grains.Notifications;

/// <summary>
/// An announcement and how far its delivery has come: the roster page and the position in it of the next student,
/// students reached and not, and when the last page was done. Written after every paced step, so a delivery resumes
/// where it stood when its silo died (students of a step told twice ignore it: they remember the last announcement).
/// </summary>
[GenerateSerializer, Alias("ppipe.AnnouncementDelivery")]
internal sealed class AnnouncementDelivery : IRosterWalk
{
    [Id(0)] public Announcement Announcement { get; set; } = null!;
    [Id(1)] public int Page { get; set; }
    [Id(2)] public int Offset { get; set; }
    [Id(3)] public int Reached { get; set; }
    [Id(4)] public int Unreached { get; set; }
    [Id(5)] public DateTimeOffset? CompletedAt { get; set; }

    public AnnouncementStatus Status => new(Announcement, Reached, Unreached, CompletedAt);
}
