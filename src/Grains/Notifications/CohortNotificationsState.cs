using PPipe.Grains.Interfaces.Notifications;
using PPipe.Grains.Interfaces.Surveys;

namespace PPipe.Grains.Notifications;

/// <summary>
/// A cohort's notification record: the instructor's settings, the unsubscribe signing key, the newest
/// <see cref="AnnouncementCapacity"/> announcements with their deliveries, the endpoints alert's state, when the last
/// digest went, the instructor's <see cref="NotificationLedger"/>, and the surveys' notices. Bounded: no per-student list.
/// </summary>
[GenerateSerializer, Alias("ppipe.CohortNotificationsState")]
internal sealed class CohortNotificationsState
{
    public const int AnnouncementCapacity = 50;

    [Id(0)] public CohortAlerts Alerts { get; set; } = CohortAlerts.Default;
    [Id(1)] public byte[]? SigningKey { get; set; }

    /// <summary>Oldest first.</summary>
    [Id(2)] public List<AnnouncementDelivery> Announcements { get; set; } = [];
    [Id(3)] public int LastAnnouncement { get; set; }
    [Id(4)] public NotificationLedger Ledger { get; set; } = new();
    [Id(5)] public CohortAlertState Alert { get; set; } = CohortAlertState.Initial;

    /// <summary>When the last daily digest was decided, or (before the first) when a contact was set: the next is due after it.</summary>
    [Id(6)] public DateTimeOffset? DigestSince { get; set; }

    [Id(7)] public DateTimeOffset? LastDigestAt { get; set; }

    /// <summary>The cohort's surveys as its surveys grain last passed them on (null: none attached).</summary>
    [Id(8)] public CohortSurveys? Surveys { get; set; }

    /// <summary>The survey notices started, at most one per survey and notice (six), each with its delivery.</summary>
    [Id(9)] public List<SurveyNoticeDelivery> SurveyNotices { get; set; } = [];
}
