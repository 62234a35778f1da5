namespace PPipe.Scenarios.Events;

/// <summary>
/// A categorical feature gains a value never seen before, taken by a share <see cref="Rate"/> of rows.
/// <see cref="Effect"/> is what the new value adds to the concept's output (a model that never saw it
/// cannot know).
/// </summary>
public sealed record NewCategory(TimeSpan At, string? Note, string Feature, string Value, double Rate, double Effect) : QuirkEvent(At, Note)
{
    public override TimeSpan? Until => null;
}
