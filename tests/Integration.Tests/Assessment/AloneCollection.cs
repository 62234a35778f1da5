namespace PPipe.Integration.Tests.Assessment;

/// <summary>
/// Tests that load both cores for minutes (the rubric validity run) run alone, after the others, so they
/// neither starve the timing-sensitive fail-over tests nor are starved by them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "Runs alone";
}
