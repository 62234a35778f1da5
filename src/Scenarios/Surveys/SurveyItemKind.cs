namespace PPipe.Scenarios.Surveys;

/// <summary>What an item asks for: a self-rating on a scale, one or several options from a list, or words.</summary>
public enum SurveyItemKind
{
    /// <summary>A self-rating on the item's Likert scale, of one competence.</summary>
    Likert,

    /// <summary>A knowledge question with one right option.</summary>
    Single,

    /// <summary>A knowledge question whose right answer is a set of options.</summary>
    Multiple,

    /// <summary>A free-text answer.</summary>
    Text,
}
