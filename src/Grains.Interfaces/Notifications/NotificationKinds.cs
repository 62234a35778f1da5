using System.Collections.Immutable;

namespace PPipe.Grains.Interfaces.Notifications;

/// <summary>Which kinds are whose, and their names in the API and in unsubscribe links.</summary>
public static class NotificationKinds
{
    /// <summary>The kinds a student can choose, in the order the API and the student's page list them.</summary>
    public static readonly ImmutableArray<NotificationKind> Student =
    [
        NotificationKind.BatchOpened, NotificationKind.BatchDueSoon, NotificationKind.BatchMissed,
        NotificationKind.Endpoint, NotificationKind.GradeLevel, NotificationKind.Announcement, NotificationKind.Survey,
    ];

    /// <summary>The kinds sent to a cohort's instructor.</summary>
    public static readonly ImmutableArray<NotificationKind> Instructor = [NotificationKind.CohortDigest, NotificationKind.CohortAlert];

    public static bool IsStudentKind(NotificationKind kind) => Student.Contains(kind);

    /// <summary>The kind's name as the API writes it (camelCase: <c>batchDueSoon</c>).</summary>
    public static string Name(NotificationKind kind) => kind.ToString() is var name ? char.ToLowerInvariant(name[0]) + name[1..] : "";

    /// <summary>The kind named <paramref name="name"/> (as <see cref="Name"/> writes it, case ignored); false for anything else.</summary>
    public static bool TryParse(string? name, out NotificationKind kind)
    {
        kind = default;
        if (string.IsNullOrEmpty(name) || !char.IsLetter(name[0]))
        {
            return false; // Enum.TryParse would also read "3" or "1,2"
        }

        return Enum.TryParse(name, ignoreCase: true, out kind) && Enum.IsDefined(kind);
    }

    /// <summary>What a person reads for the kind, e.g. in a settings list or an unsubscribe page.</summary>
    public static string Describe(NotificationKind kind) => kind switch
    {
        NotificationKind.BatchOpened => "a batch opened",
        NotificationKind.BatchDueSoon => "a batch due soon with nothing submitted",
        NotificationKind.BatchMissed => "a batch deadline missed",
        NotificationKind.Endpoint => "your endpoint failing or recovering",
        NotificationKind.GradeLevel => "your grade level changing",
        NotificationKind.Announcement => "announcements from your instructor",
        NotificationKind.CohortDigest => "the cohort's daily digest",
        NotificationKind.CohortAlert => "alerts about the cohort's endpoints",
        NotificationKind.Survey => "surveys opening, and closing before you answered",
        _ => kind.ToString(),
    };
}
