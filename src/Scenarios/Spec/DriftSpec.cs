namespace PPipe.Scenarios.Spec;

/// <summary>
/// A change of the world at <see cref="At"/>. <see cref="Kind"/> is <c>concept</c> (effects take new weights;
/// <see cref="Mode"/> <c>abrupt</c>, <c>gradual</c> with <see cref="Over"/>, or <c>recurring</c> with
/// <see cref="Period"/> and <see cref="Active"/>), <c>covariate</c> (a numeric <see cref="Feature"/> moves by
/// <see cref="Shift"/>, optionally <see cref="Over"/> a time) or <c>recalibration</c> (a sensor's readings are
/// offset by <see cref="Shift"/> while the truth is not).
/// </summary>
public sealed record DriftSpec
{
    public string? At { get; init; }

    public string? Kind { get; init; }

    public string? Note { get; init; }

    public string? Mode { get; init; }

    public IReadOnlyDictionary<string, double>? Effects { get; init; }

    public string? Over { get; init; }

    public string? Period { get; init; }

    public string? Active { get; init; }

    public string? For { get; init; }

    public string? Feature { get; init; }

    public double? Shift { get; init; }

    /// <summary>Label shift (a scenario over a dataset with classes): how many times as often rows of each class are drawn.</summary>
    public IReadOnlyDictionary<string, double>? Classes { get; init; }
}
