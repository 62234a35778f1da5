namespace PPipe.Frontend.Scenarios;

/// <summary>A scenario version stored: the scenario's id and the version's number.</summary>
public sealed record ScenarioCreated(string Id, int Version);
