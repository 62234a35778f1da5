namespace PPipe.Cluster.Soak.Load;

/// <summary>A webhook the platform acknowledged, with its signing secret and when the acknowledgement arrived.</summary>
public sealed record WebhookRegistration(string CohortId, string StudentId, string Secret, DateTimeOffset AcknowledgedAt);
