namespace PPipe.Scenarios.Spec;

/// <summary>Rubric criteria with relative weights (normalised to add up to 1) and level thresholds.</summary>
public sealed record GradingSpec
{
    public IReadOnlyDictionary<string, double>? Criteria { get; init; }

    public LevelsSpec? Levels { get; init; }
}
