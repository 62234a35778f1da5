namespace PPipe.Cluster.Soak.Load;

/// <summary>A release notification the receiver got: whose, which release, when the platform built it and when it arrived.</summary>
public sealed record WebhookNotice(string CohortId, string StudentId, int Seq, DateTimeOffset? ReleasedAt, DateTimeOffset? SentAt,
    DateTimeOffset ReceivedAt, bool SignatureValid);
