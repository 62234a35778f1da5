using PPipe.Simulation.Learning;

namespace PPipe.Simulation.Endpoints;

/// <summary>The model an endpoint answers with, and whether it answers a binary task with the probability of the
/// positive class (for ROC AUC and log loss) instead of a label.</summary>
public sealed record ServedModel(Model Model, bool SendsProbability);
