namespace PPipe.Frontend.Cohorts;

/// <summary><c>DELETE .../students/{studentId}</c>: the student removed, and when.</summary>
public sealed record RemovedStudent(string StudentId, DateTimeOffset RemovedAt);
