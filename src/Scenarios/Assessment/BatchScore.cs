namespace PPipe.Scenarios.Assessment;

/// <summary>
/// A submission's score on a batch beside the two baselines on the same rows: the true concept
/// (<see cref="Oracle"/>) and a model never retrained (<see cref="Stale"/>). <see cref="Relative"/> places the
/// score between them, 0 at the stale model and 1 at the oracle (see <see cref="BatchScorer.Score"/>).
/// </summary>
public sealed record BatchScore(int Rows, double Score, double Oracle, double Stale, double Relative);
