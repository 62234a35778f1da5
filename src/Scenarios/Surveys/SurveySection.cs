using System.Collections.Immutable;

namespace PPipe.Scenarios.Surveys;

/// <summary>A titled group of items, shown together.</summary>
public sealed record SurveySection(string Id, string Title, ImmutableArray<SurveyItem> Items);
