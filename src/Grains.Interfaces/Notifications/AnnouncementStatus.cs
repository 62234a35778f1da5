namespace PPipe.Grains.Interfaces.Notifications;

/// <summary>
/// An announcement and how far its delivery to the cohort's students has come: students reached so far (each decided
/// by their own preferences), those that could not be reached, and when the last page was done (null while under way).
/// </summary>
[GenerateSerializer, Immutable, Alias("ppipe.AnnouncementStatus")]
public sealed record AnnouncementStatus(Announcement Announcement, int Reached, int Unreached, DateTimeOffset? CompletedAt);
