using System.Collections.Immutable;
using Orleans.Concurrency;
using PPipe.Grains.Interfaces.Assessment;
using PPipe.Grains.Interfaces.Calendar;
using PPipe.Grains.Interfaces.Incidents;
using PPipe.Grains.Interfaces.Notifications;
using PPipe.Grains.Interfaces.Probes;
using PPipe.Grains.Interfaces.Research;
using PPipe.Grains.Interfaces.Rollouts;
using PPipe.Grains.Interfaces.Surveys;

namespace PPipe.Grains.Interfaces.Enrollments;

/// <summary>
/// One student in one cohort, keyed <c>{cohortId}/{studentId}</c>: the unit of work and of scale. The silo wakes it
/// when its next event is due, a slow reminder is the safety net, and each tick processes every event due since the
/// last processed one. It pushes its progress to its roster page whenever what the page counts changes.
/// </summary>
[Alias("ppipe.IEnrollmentGrain")]
public interface IEnrollmentGrain : IGrainWithStringKey, INotificationOwner
{
    /// <summary>
    /// Creates the enrollment, or gives it a new credential (a re-issued token): the previous token and bucket keys are
    /// revoked on every front end before this returns and new bucket keys are issued; the student's data seed and
    /// progress are kept. The same student with the same credential again changes nothing. A removed enrollment takes
    /// no new credential.
    /// </summary>
    [Alias("Initialize")]
    Task InitializeAsync(EnrollmentInit init);

    /// <summary>
    /// Removes the student from the cohort: revokes the token and bucket keys on every front end, stops ticks, probes and
    /// webhook notifications, keeps the data for the grades. Returns when it was removed (the first time, also when
    /// called again); null when there is no such enrollment.
    /// </summary>
    [Alias("Remove")]
    Task<DateTimeOffset?> RemoveAsync();

    /// <summary>
    /// Starts the student's progress again at the current scenario time (fetches, submissions, scores, probes, webhook
    /// history and so the grade), keeping the token; returns when, or null when there is no such enrollment or it was removed.
    /// </summary>
    [Alias("ResetProgress")]
    Task<DateTimeOffset?> ResetProgressAsync();

    /// <summary>The enrollment as the API shows it, or null when it does not exist.</summary>
    [Alias("Get")]
    Task<EnrollmentSnapshot?> GetAsync();

    /// <summary>
    /// Records that the student fetched a release through a channel. Only the first fetch of each
    /// release is kept (the acquisition evidence); returns true when this was it.
    /// </summary>
    [Alias("RecordFetch")]
    Task<bool> RecordFetchAsync(int seq, string channel);

    /// <summary>Sets (or replaces) the webhook URL and returns the new signing secret.</summary>
    [Alias("SetWebhook")]
    Task<string> SetWebhookAsync(string url);

    /// <summary>
    /// Sends the student's progress (the compact facts cohort summaries count) to their roster page again. One way: a
    /// roster page asks this of its students after it was activated and never waits for them.
    /// </summary>
    [Alias("ReportProgress"), OneWay]
    Task ReportProgressAsync();

    /// <summary>Records the attempts of one webhook delivery (reported by the delivery worker).</summary>
    [Alias("RecordWebhookDelivery")]
    Task RecordWebhookDeliveryAsync(int seq, ImmutableArray<WebhookAttemptRecord> attempts, bool delivered);

    /// <summary>Records the attempts of one probe of the student's endpoint (reported by a probe worker); repeated reports count once.</summary>
    [Alias("RecordProbes")]
    Task RecordProbesAsync(ImmutableArray<ProbeResult> results);

    /// <summary>
    /// Records the attempts of a probe replay (the rows of slot <paramref name="replayOf"/> sent again after a scheduled probe,
    /// reported by a probe worker): compared with the earlier answer for reproducibility; repeated reports count once.
    /// </summary>
    [Alias("RecordReplay")]
    Task RecordReplayAsync(long replayOf, ImmutableArray<ProbeResult> results);

    /// <summary>
    /// Takes a validated submission for batch <paramref name="seq"/>: checks the window, the late policy and the
    /// submission limit by the cohort's clock, and stores it durably before answering Accepted.
    /// </summary>
    [Alias("SubmitPredictions")]
    Task<SubmissionResult> SubmitPredictionsAsync(int seq, BatchSubmission submission);

    /// <summary>Submissions and scores of every batch that exists by now.</summary>
    [Alias("GetBatches")]
    Task<ImmutableArray<BatchProgress>> GetBatchesAsync();

    /// <summary>Registers (or replaces) the model endpoint, probes it once at once, and returns that probe's attempts.</summary>
    [Alias("SetEndpoint")]
    Task<ImmutableArray<ProbeResult>> SetEndpointAsync(string url);

    /// <summary>The newest probe results, newest first.</summary>
    [Alias("GetProbes")]
    Task<ImmutableArray<ProbeResult>> GetProbesAsync(int limit);

    /// <summary>The grade as of now.</summary>
    [Alias("GetGrade")]
    Task<GradeReport> GetGradeAsync();

    /// <summary>Gives this student extra time on every batch deadline and late cutoff (scenario time); zero removes it.</summary>
    [Alias("SetExtension")]
    Task SetExtensionAsync(TimeSpan extension);

    /// <summary>Records that this student's predictions for a batch look copied from, or by, another student.</summary>
    [Alias("RecordCopyFlag")]
    Task RecordCopyFlagAsync(CopyFlag flag);

    /// <summary>Processes every event due by now (also what each reminder tick does); safe to call any time.</summary>
    [Alias("Tick")]
    Task TickAsync();

    /// <summary>The student's calendar feed: its secret (made and bound durably on first use) and the extension it includes.</summary>
    [Alias("GetCalendar")]
    Task<StudentCalendar> GetCalendarAsync();

    /// <summary>
    /// A new calendar feed secret; the previous one is revoked before this answers, so its URL is dead everywhere. Refused
    /// (no calendar, a retry time) past <see cref="CalendarRotationLimit.PerHour"/> rotations within the hour.
    /// </summary>
    [Alias("RotateCalendar")]
    Task<CalendarRotation> RotateCalendarAsync();

    /// <summary>The student's notification preferences, the address mail goes to, and the newest notifications.</summary>
    [Alias("GetNotifications")]
    Task<StudentNotifications> GetNotificationsAsync();

    /// <summary>Replaces the student's notification preferences (validated by the caller) and returns the new settings.</summary>
    [Alias("SetNotificationPreferences")]
    Task<StudentNotifications> SetNotificationPreferencesAsync(NotificationPreferences preferences);

    /// <summary>Turns one kind of notification off (an unsubscribe link); false when it was off already.</summary>
    [Alias("MuteNotifications")]
    Task<bool> MuteNotificationsAsync(NotificationKind kind);

    /// <summary>
    /// Tells the student of an announcement as their preferences say, at most once per announcement: the decision is
    /// durable when this returns.
    /// </summary>
    [Alias("Announce")]
    Task AnnounceAsync(Announcement announcement);

    /// <summary>
    /// Tells the student of a survey opening or closing soon as their preferences say, at most once per notice (by its
    /// key): the decision is durable when this returns.
    /// </summary>
    [Alias("NoticeSurvey")]
    Task NoticeSurveyAsync(SurveyNotice notice);

    /// <summary>
    /// Files an incident report (validated by the caller) at the current scenario time, or refuses it past the scenario
    /// day's limit (a refused report counts as a false alarm). The outcome says nothing about whether the report matched.
    /// </summary>
    [Alias("FileIncident")]
    Task<IncidentFiling> FileIncidentAsync(IncidentReport report);

    /// <summary>The student's incident reports and the outages of their endpoint that take a postmortem.</summary>
    [Alias("GetIncidents")]
    Task<IncidentLog> GetIncidentsAsync();

    /// <summary>Files (or replaces) the postmortem of one outage of the student's endpoint; null when there is no such outage.</summary>
    [Alias("FilePostmortem")]
    Task<EndpointOutage?> FilePostmortemAsync(int outageId, string postmortem);

    /// <summary>The model versions the student's probe answers and batch submissions named, oldest first, with what was flagged.</summary>
    [Alias("GetLineage")]
    Task<LineageLog> GetLineageAsync();

    /// <summary>
    /// Announces a deploy of a new model version to the student's endpoint: the platform follows it (probing more often
    /// for a while) and the rollout criterion judges it. Announcing a version again answers with the deploy already followed.
    /// </summary>
    [Alias("AnnounceDeploy")]
    Task<DeployFiling> AnnounceDeployAsync(DeployAnnouncement announcement);

    /// <summary>The deploys the platform followed (announced, or seen as a change of the version the answers name), oldest first.</summary>
    [Alias("GetDeploys")]
    Task<DeployLog> GetDeploysAsync();

    /// <summary>The grade and the evidence per scenario day that a research export takes; null when there is no such enrollment.</summary>
    [Alias("GetResearchRecord")]
    Task<ResearchRecord?> GetResearchRecordAsync();
}
