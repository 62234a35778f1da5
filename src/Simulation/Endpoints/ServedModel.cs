using PPipe.Simulation.Learning;

namespace PPipe.Simulation.Endpoints;

/// <summary>
/// The model an endpoint answers with, and whether it answers a binary task with the probability of the positive class
/// (for ROC AUC and log loss) instead of a label. With a <see cref="Version"/>, answers name the model
/// (<c>"model": {"version", "trainedThrough"}</c>); until <see cref="DownUntil"/> the endpoint answers 503, as one being redeployed.
/// </summary>
public sealed record ServedModel(Model Model, bool SendsProbability, string? Version = null, int TrainedThrough = 0, DateTimeOffset DownUntil = default);
