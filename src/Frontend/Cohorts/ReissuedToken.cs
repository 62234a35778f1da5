namespace PPipe.Frontend.Cohorts;

/// <summary><c>POST .../students/{studentId}/token</c>: the student's new token, shown this once.</summary>
public sealed record ReissuedToken(string StudentId, string Token);
