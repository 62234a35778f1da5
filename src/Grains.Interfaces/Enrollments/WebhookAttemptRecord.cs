namespace PPipe.Grains.Interfaces.Enrollments;

/// <summary>One delivery attempt of a release notification to the student's webhook.</summary>
[GenerateSerializer, Immutable, Alias("ppipe.WebhookAttemptRecord")]
public sealed record WebhookAttemptRecord(int Seq, int Attempt, DateTimeOffset At, int? Status, string? Error, double LatencyMs);
