using System.Collections.Immutable;

namespace PPipe.Scenarios.Surveys;

/// <summary>A Likert scale: whole numbers from <see cref="Min"/> to <see cref="Max"/>, optionally a label for each.</summary>
public sealed record SurveyScale(int Min, int Max, ImmutableArray<string> Labels)
{
    /// <summary>The scale an instrument uses when it names none: 1 to 5, from no ability to expertise.</summary>
    public static SurveyScale Default { get; } = new(1, 5,
        ["I could not do this", "I could do this with a lot of help", "I could do this with some help", "I could do this on my own", "I could teach this"]);

    public bool Contains(int value) => value >= Min && value <= Max;
}
