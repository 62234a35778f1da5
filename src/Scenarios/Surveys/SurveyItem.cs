using System.Collections.Immutable;

namespace PPipe.Scenarios.Surveys;

/// <summary>
/// One question of an instrument. <see cref="Scale"/> is set for self-ratings, <see cref="Options"/> and <see cref="Key"/> (the
/// indexes of the right options, from 0) for knowledge questions, <see cref="MaxLength"/> for free text.
/// </summary>
public sealed record SurveyItem(
    string Id,
    SurveyItemKind Kind,
    string Text,
    string? Competence,
    bool Required,
    SurveyScale? Scale,
    ImmutableArray<string> Options,
    ImmutableArray<int> Key,
    int MaxLength);
