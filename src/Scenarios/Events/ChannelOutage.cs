namespace PPipe.Scenarios.Events;

/// <summary>A delivery channel is down from <c>At</c> for <see cref="For"/>: releases due through it in
/// that window are published when it comes back.</summary>
public sealed record ChannelOutage(TimeSpan At, string? Note, Channel Channel, TimeSpan For) : QuirkEvent(At, Note)
{
    public override TimeSpan? Until => At + For;
}
