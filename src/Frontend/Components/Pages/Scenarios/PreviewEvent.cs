namespace PPipe.Frontend.Components.Pages.Scenarios;

/// <summary>A drift or quirk event as a preview lists it: when, and what happens (with the author's note).</summary>
public sealed record PreviewEvent(TimeSpan At, string When, string Text, bool IsDrift);
