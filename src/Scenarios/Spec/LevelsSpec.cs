namespace PPipe.Scenarios.Spec;

/// <summary>The lowest overall score (0..1) for each rubric level.</summary>
public sealed record LevelsSpec
{
    public double? Proficient { get; init; }

    public double? Advanced { get; init; }

    public double? Expert { get; init; }
}
