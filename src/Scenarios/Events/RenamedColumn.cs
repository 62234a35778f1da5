namespace PPipe.Scenarios.Events;

/// <summary>From <c>At</c> on, the feature column <see cref="Column"/> is published as <see cref="To"/>
/// in releases, batches and probes.</summary>
public sealed record RenamedColumn(TimeSpan At, string? Note, string Column, string To) : QuirkEvent(At, Note)
{
    public override TimeSpan? Until => null;
}
