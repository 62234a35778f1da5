namespace PPipe.Scenarios.Events;

/// <summary>A share <see cref="Rate"/> of the rows of each affected release arrives <see cref="Delay"/> late:
/// they are left out and appended to the release published that much later (rounded up to whole releases).</summary>
public sealed record LateRows(TimeSpan At, string? Note, double Rate, TimeSpan Delay, TimeSpan? For) : QuirkEvent(At, Note)
{
    public override TimeSpan? Until => For is { } span ? At + span : null;
}
