namespace PPipe.Integration.Tests.Assessment;

/// <summary>
/// Tests that load both cores for minutes (the rubric validity run) run alone, after the others and one after another (as
/// does <see cref="SharedPlatformCollection"/>), so they neither starve the timing-sensitive fail-over tests or each other
/// nor are starved by them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "Runs alone";
}
