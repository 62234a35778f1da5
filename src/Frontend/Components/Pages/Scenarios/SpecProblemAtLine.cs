namespace PPipe.Frontend.Components.Pages.Scenarios;

/// <summary>A spec problem placed at the line of the text it refers to. <see cref="Exact"/> is false when the
/// path has no line of its own (a missing key, a value from the template) and the line is its parent's.</summary>
public sealed record SpecProblemAtLine(int Line, string Path, string Message, bool Exact);
