namespace PPipe.Scenarios.Events;

/// <summary>A share <see cref="Rate"/> of the rows of each affected release are exact copies (same id) of an
/// earlier row of the same release, as a careless export produces. Batches never contain duplicates.</summary>
public sealed record DuplicateRows(TimeSpan At, string? Note, double Rate, TimeSpan? For) : QuirkEvent(At, Note)
{
    public override TimeSpan? Until => For is { } span ? At + span : null;
}
