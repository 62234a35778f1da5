namespace PPipe.Grains.Interfaces.Notifications;

/// <summary>
/// What a notification is about. <see cref="NotificationKinds.Student"/> are a student's, each of which the student can
/// turn off; <see cref="NotificationKinds.Instructor"/> the instructor's. Values are stored: append, never reorder.
/// </summary>
public enum NotificationKind
{
    /// <summary>A batch (prediction window) opened.</summary>
    BatchOpened,

    /// <summary>A batch is due within the lead time and the student has submitted nothing for it.</summary>
    BatchDueSoon,

    /// <summary>A batch's deadline passed with nothing submitted.</summary>
    BatchMissed,

    /// <summary>The endpoint failed a number of probes in a row, or answered again after that.</summary>
    Endpoint,

    /// <summary>The overall grade level changed.</summary>
    GradeLevel,

    /// <summary>The instructor posted an announcement to the cohort.</summary>
    Announcement,

    /// <summary>The instructor's daily summary of the cohort.</summary>
    CohortDigest,

    /// <summary>The instructor's alert: a share of the cohort's endpoints is down, or back up.</summary>
    CohortAlert,

    /// <summary>A survey of the cohort opened, or closes soon and the student has not submitted it.</summary>
    Survey,
}
