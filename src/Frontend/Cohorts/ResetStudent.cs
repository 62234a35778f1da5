namespace PPipe.Frontend.Cohorts;

/// <summary><c>POST .../students/{studentId}/reset</c>: the student whose progress starts again, and when it did.</summary>
public sealed record ResetStudent(string StudentId, DateTimeOffset ResetAt);
