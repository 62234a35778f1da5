namespace PPipe.Scenarios.Spec;

/// <summary>
/// What a spec over a dataset asks of the dataset before it can be validated: which version, the task (null to decide it
/// from the target), the seed that shuffles and holds out rows, and a forecast's series column (null for one series).
/// </summary>
public sealed record DatasetUse(DatasetSpec Dataset, ScenarioTask? Task, ulong Seed, string? Series = null);
