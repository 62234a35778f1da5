using PPipe.Grains.Interfaces.Enrollments;

namespace PPipe.Grains.Client.Email;

/// <summary>A sign-in link used: the enrollment it opens and the hash key of the student's current token, when <see cref="Outcome"/> is done.</summary>
public sealed record StudentSignIn(LinkOutcome Outcome, EnrollmentKey? Enrollment = null, string? CredentialKey = null);
