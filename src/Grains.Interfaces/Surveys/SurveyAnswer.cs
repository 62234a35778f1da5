using System.Collections.Immutable;

namespace PPipe.Grains.Interfaces.Surveys;

/// <summary>
/// A student's answer to one item, as sent: a whole number (a self-rating or one option's index), a list of option indexes, or
/// text. Exactly one of the three is set; which one an item takes is checked against the instrument.
/// </summary>
[GenerateSerializer, Immutable, Alias("ppipe.SurveyAnswer")]
public sealed record SurveyAnswer(string ItemId, int? Number, ImmutableArray<int>? Choices, string? Text);
