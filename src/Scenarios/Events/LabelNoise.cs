namespace PPipe.Scenarios.Events;

/// <summary>
/// A share <see cref="Rate"/> of released labels is wrong: another class, or a value off by a random factor
/// between 1/4 and 4. Only training releases are affected; hidden batch labels stay true.
/// </summary>
public sealed record LabelNoise(TimeSpan At, string? Note, double Rate, TimeSpan? For) : QuirkEvent(At, Note)
{
    public override TimeSpan? Until => For is { } span ? At + span : null;
}
