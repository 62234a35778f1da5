namespace PPipe.Hosting.Schema;

/// <summary>What a migration run did: the scripts it applied now and those that were already applied.</summary>
public sealed record SchemaMigrationResult(IReadOnlyList<string> Applied, IReadOnlyList<string> AlreadyApplied)
{
    public override string ToString() => Applied.Count == 0
        ? $"Schema is up to date ({AlreadyApplied.Count} scripts applied earlier)."
        : $"Applied {string.Join(", ", Applied)}; {AlreadyApplied.Count} were applied earlier.";
}
