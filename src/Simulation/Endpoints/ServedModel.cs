using PPipe.Simulation.Learning;

namespace PPipe.Simulation.Endpoints;

/// <summary>The model an endpoint answers with, whether it answers a binary task with the probability of the
/// positive class (for ROC AUC and log loss) instead of a label, and the version and last release it names in each answer
/// (none when <see cref="Version"/> is null).</summary>
public sealed record ServedModel(Model Model, bool SendsProbability, string? Version = null, int TrainedThrough = 0);
