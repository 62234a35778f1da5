namespace PPipe.Grains.Interfaces.Probes;

/// <summary>
/// How good the predictions of one successful probe were, on the rows it sent: the scenario's metric
/// (<see cref="Score"/>), and the mean per-row loss of the student's predictions beside the true concept's
/// (oracle) and the pre-drift concept's (stale) on the same rows. Losses are mergeable across probes,
/// unlike most metrics, so grades weigh them by rows.
/// </summary>
[GenerateSerializer, Immutable, Alias("ppipe.ProbeQuality")]
public sealed record ProbeQuality(int Rows, double Score, double Loss, double OracleLoss, double StaleLoss);
