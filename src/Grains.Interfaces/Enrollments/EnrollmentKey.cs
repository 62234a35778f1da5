using System.Diagnostics.CodeAnalysis;

namespace PPipe.Grains.Interfaces.Enrollments;

/// <summary>
/// Identifies one student in one cohort; the enrollment grain's key is <c>{cohortId}/{studentId}</c>.
/// Ids are short, URL-safe and never only hex digits, so Orleans never mistakes them for integer keys.
/// </summary>
[GenerateSerializer, Immutable, Alias("ppipe.EnrollmentKey")]
public sealed record EnrollmentKey(string CohortId, string StudentId)
{
    public override string ToString() => $"{CohortId}/{StudentId}";

    public static bool TryParse(string? value, [NotNullWhen(true)] out EnrollmentKey? key)
    {
        key = null;
        var slash = value?.IndexOf('/') ?? -1;
        if (value is null || slash <= 0 || slash == value.Length - 1 || value.IndexOf('/', slash + 1) >= 0)
        {
            return false;
        }

        key = new EnrollmentKey(value[..slash], value[(slash + 1)..]);
        return true;
    }

    public static EnrollmentKey Parse(string value) =>
        TryParse(value, out var key) ? key : throw new FormatException($"'{value}' is not an enrollment key (cohort/student).");
}
