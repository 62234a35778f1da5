namespace PPipe.Scenarios.Spec;

/// <summary>
/// A data problem from <see cref="At"/> (for <see cref="For"/>, where that applies). <see cref="Kind"/> is one of
/// <c>labelNoise</c>, <c>newCategory</c>, <c>missingValues</c>, <c>duplicates</c>, <c>renameColumn</c>,
/// <c>addColumn</c>, <c>lateRows</c>, <c>outage</c>; each takes its own keys.
/// </summary>
public sealed record QuirkSpec
{
    public string? At { get; init; }

    public string? Kind { get; init; }

    public string? Note { get; init; }

    public double? Rate { get; init; }

    public string? For { get; init; }

    public string? Feature { get; init; }

    public string? Value { get; init; }

    public double? Effect { get; init; }

    public IReadOnlyList<string>? Columns { get; init; }

    public string? Column { get; init; }

    public string? To { get; init; }

    public IReadOnlyList<string>? Values { get; init; }

    public double? Mean { get; init; }

    public double? Sd { get; init; }

    public int? Decimals { get; init; }

    public string? Delay { get; init; }

    public string? Channel { get; init; }
}
