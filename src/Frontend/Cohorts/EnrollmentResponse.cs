namespace PPipe.Frontend.Cohorts;

/// <summary>
/// <c>POST .../enrollments</c>: how many were enrolled and refused, each new student's token (shown this once), and
/// why each refused row was refused (already enrolled, or listed twice).
/// </summary>
public sealed record EnrollmentResponse(int Enrolled, int Refused, IReadOnlyList<EnrollmentResponse.IssuedToken> Students, IReadOnlyList<EnrollmentResponse.Refusal> Errors)
{
    /// <summary>An enrolled student and their token.</summary>
    public sealed record IssuedToken(int Row, string StudentId, string Token);

    /// <summary>A refused row and the reason.</summary>
    public sealed record Refusal(int Row, string StudentId, string Error);
}
