using PPipe.Grains.Interfaces.Notifications;

namespace PPipe.Frontend.Notifications;

/// <summary>
/// An announcement and its delivery: students reached so far (each told as their own preferences say), those that could
/// not be reached, and when delivery finished (null while under way).
/// </summary>
public sealed record AnnouncementView(int Seq, string Subject, string Text, DateTimeOffset PostedAt, int Reached, int Unreached, DateTimeOffset? CompletedAt)
{
    public static AnnouncementView Of(AnnouncementStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var a = status.Announcement;
        return new AnnouncementView(a.Seq, a.Subject, a.Text, a.PostedAt, status.Reached, status.Unreached, status.CompletedAt);
    }
}
