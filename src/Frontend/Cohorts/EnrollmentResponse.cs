namespace PPipe.Frontend.Cohorts;

/// <summary>
/// <c>POST .../enrollments</c>: how many students the roster newly enrolled, every student's token (the new ones and,
/// for students the cohort already had, the same token again: a roster sent twice changes nothing), and how many were
/// already enrolled. <see cref="Refused"/> and <see cref="Errors"/> stay empty: a roster with a bad row is refused whole
/// with a 422.
/// </summary>
public sealed record EnrollmentResponse(int Enrolled, int Refused, IReadOnlyList<EnrollmentResponse.IssuedToken> Students,
    IReadOnlyList<EnrollmentResponse.Refusal> Errors, int AlreadyEnrolled)
{
    /// <summary>A student of the roster and their token; <see cref="AlreadyEnrolled"/> when the cohort had them before this roster.</summary>
    public sealed record IssuedToken(int Row, string StudentId, string Token, bool AlreadyEnrolled);

    /// <summary>A refused row and the reason.</summary>
    public sealed record Refusal(int Row, string StudentId, string Error);
}
