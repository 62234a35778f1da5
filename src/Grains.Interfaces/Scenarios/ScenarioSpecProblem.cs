namespace PPipe.Grains.Interfaces.Scenarios;

/// <summary>One validation error of a spec: where (<c>drift[2].at</c>) and what to do about it.</summary>
[GenerateSerializer, Immutable, Alias("ppipe.ScenarioSpecProblem")]
public sealed record ScenarioSpecProblem(string Path, string Message);
