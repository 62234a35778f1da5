namespace PPipe.Cluster.Soak.Verify;

/// <summary>
/// Tick lateness seen from outside through webhook notifications: the enrollment's tick builds the notice (its
/// <c>sentAt</c>) after the release is due (<c>releasedAt</c>); the receiver notes when it arrived. Seconds, for the
/// first notice of each release and student, split by whether the release fell in a fault window.
/// </summary>
public sealed record WebhookLateness(IReadOnlyList<double> TickCalm, IReadOnlyList<double> TickFault, IReadOnlyList<double> ArrivalCalm,
    IReadOnlyList<double> ArrivalFault);
