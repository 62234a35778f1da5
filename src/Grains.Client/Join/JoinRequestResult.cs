namespace PPipe.Grains.Client.Join;

/// <summary>A join request's status, and when to try again after a refusal by rate.</summary>
public sealed record JoinRequestResult(JoinRequestStatus Status, TimeSpan RetryAfter = default);
