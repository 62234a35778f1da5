using PPipe.Grains.Interfaces.Notifications;

namespace PPipe.Grains.Notifications;

/// <summary>
/// The notification part of an enrollment's state, written with it, so what a turn decided is durable exactly when the
/// rest of the turn is: the student's preferences (null: the defaults), how far batch events have been looked at, the
/// endpoint and grade watches, the last announcement and the survey notices told, and the student's <see cref="NotificationLedger"/>. Small and
/// bounded.
/// </summary>
[GenerateSerializer, Alias("ppipe.StudentNotificationState")]
internal sealed class StudentNotificationState
{
    [Id(0)] public NotificationPreferences? Preferences { get; set; }

    /// <summary>Scenario time up to which batch events were looked at; null until the first look, which starts from then (no flood of the past).</summary>
    [Id(1)] public TimeSpan? WatchedUntil { get; set; }

    [Id(2)] public NotificationLedger Ledger { get; set; } = new();

    [Id(3)] public EndpointWatch Endpoint { get; set; } = EndpointWatch.Initial;

    /// <summary>The grade level last seen (null before any) and how many changes were told.</summary>
    [Id(4)] public string? Level { get; set; }
    [Id(5)] public int LevelChanges { get; set; }

    /// <summary>The highest announcement seq taken (told or not, as the preferences said).</summary>
    [Id(6)] public int LastAnnouncement { get; set; }

    /// <summary>The keys of the survey notices taken (told or not, as the preferences said), newest last, at most <see cref="SurveyNoticeCapacity"/>.</summary>
    [Id(7)] public List<string> SurveyNotices { get; set; } = [];

    /// <summary>Two notices for each of a cohort's three surveys, and room for windows that moved.</summary>
    public const int SurveyNoticeCapacity = 12;

    public NotificationPreferences EffectivePreferences => Preferences ?? NotificationPreferences.Default;
}
