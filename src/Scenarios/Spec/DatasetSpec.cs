namespace PPipe.Scenarios.Spec;

/// <summary>The stored dataset version a scenario runs over, named by <c>dataset: {id, version}</c> instead of a template.</summary>
public sealed record DatasetSpec
{
    public string? Id { get; init; }

    public int? Version { get; init; }
}
