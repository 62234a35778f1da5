namespace PPipe.Scenarios.Events;

/// <summary>Something that happens to the world at scenario time <c>At</c>; <see cref="Note"/> is the
/// instructor's explanation, shown in previews and debriefs, never to students.</summary>
public abstract record ScenarioEvent(TimeSpan At, string? Note)
{
    /// <summary>When the event stops acting, or null when it lasts to the end.</summary>
    public abstract TimeSpan? Until { get; }

    /// <summary>True when the event acts on rows of scenario time <paramref name="t"/>.</summary>
    public bool IsActiveAt(TimeSpan t) => t >= At && (Until is not { } until || t < until);
}
