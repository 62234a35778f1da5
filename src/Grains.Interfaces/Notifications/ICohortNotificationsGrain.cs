using System.Collections.Immutable;
using PPipe.Grains.Interfaces.Surveys;

namespace PPipe.Grains.Interfaces.Notifications;

/// <summary>
/// A cohort's notifications, keyed by the cohort id: the instructor's contact and alert settings, the daily digest and
/// the endpoints alert, announcements and their paced delivery to every student, and the key the cohort's unsubscribe
/// links are signed with. Not on any student request path: front ends read announcements through a per-process cache
/// and silos read the signing key once per cohort.
/// </summary>
[Alias("ppipe.ICohortNotificationsGrain")]
public interface ICohortNotificationsGrain : INotificationOwner
{
    /// <summary>The settings, the alert's state and the instructor's newest notifications.</summary>
    [Alias("Get")]
    Task<CohortNotifications> GetAsync();

    /// <summary>Replaces the settings (validated by the caller) and returns the new state.</summary>
    [Alias("SetAlerts")]
    Task<CohortNotifications> SetAlertsAsync(CohortAlerts alerts);

    /// <summary>
    /// Records an announcement durably and starts delivering it to the cohort's students, page by page, paced; returns it
    /// with its delivery just started.
    /// </summary>
    [Alias("PostAnnouncement")]
    Task<AnnouncementStatus> PostAnnouncementAsync(string subject, string text);

    /// <summary>The newest announcements (at most 50), newest first, each with how far its delivery has come.</summary>
    [Alias("GetAnnouncements")]
    Task<ImmutableArray<AnnouncementStatus>> GetAnnouncementsAsync();

    /// <summary>The secret the cohort's unsubscribe links are signed with, made on first use; for the platform's own code only.</summary>
    [Alias("GetSigningKey")]
    Task<ImmutableArray<byte>> GetSigningKeyAsync();

    /// <summary>
    /// Takes the cohort's surveys as they now are (the cohort's surveys grain passes them on each change): a notice not
    /// yet started follows its survey's window, and one whose survey went is not sent.
    /// </summary>
    [Alias("ScheduleSurveys")]
    Task ScheduleSurveysAsync(CohortSurveys surveys);

    /// <summary>Each attached survey's opening notice and closing reminder: when due, and how far its delivery has come.</summary>
    [Alias("GetSurveyNotices")]
    Task<ImmutableArray<SurveyNoticeStatus>> GetSurveyNoticesAsync();

    /// <summary>Turns off one of the instructor's kinds (an unsubscribe link); false when it was off already.</summary>
    [Alias("Mute")]
    Task<bool> MuteAsync(NotificationKind kind);
}
