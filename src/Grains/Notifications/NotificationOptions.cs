namespace PPipe.Grains.Notifications;

/// <summary>How notifications are decided, paced and sent. Bound from the <c>Notifications</c> section, validated at start.</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>
    /// At most one message per kind per recipient within this much wall time: what else of the kind happens meanwhile
    /// is held and sent as one digest when the window ends.
    /// </summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long before a batch's deadline (scenario time) a student who has submitted nothing is reminded.</summary>
    public TimeSpan DueSoonLead { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Failed probes in a row after which a student is told the endpoint is failing.</summary>
    public int EndpointFailures { get; set; } = 3;

    /// <summary>A notification handed to a sender with no outcome reported after this long is handed out again.</summary>
    public TimeSpan RedeliverAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>A notification not delivered this long after it was decided is given up (and shown as failed).</summary>
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Notifications one silo sends at once (mail and chat together).</summary>
    public int MaxConcurrency { get; set; } = 16;

    /// <summary>Notifications one silo holds waiting for a sender; beyond this they stay in their outboxes and are handed out again later.</summary>
    public int QueueCapacity { get; set; } = 20_000;

    /// <summary>
    /// Students per second an announcement is delivered to (each one's own decision and outbox write): about what one SMTP
    /// server takes, so the students' turns and writes are spread over the time the mail takes anyway.
    /// </summary>
    public int AnnouncementRate { get; set; } = 500;

    /// <summary>Students an announcement's delivery calls at once.</summary>
    public int AnnouncementConcurrency { get; set; } = 32;

    /// <summary>How often a cohort with an instructor contact looks at its endpoints (the alert) and the clock (the daily digest).</summary>
    public TimeSpan CohortCheckPeriod { get; set; } = TimeSpan.FromMinutes(1);
}
