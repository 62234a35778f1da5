namespace PPipe.Grains.Interfaces.Research;

/// <summary>
/// One scenario day (day 1 is the first) of a student's evidence: first fetches of releases made that day; the batches due that
/// day, how many of them the student submitted to, their accepted submissions, how many are scored and the mean relative score
/// of those (0 the never-retrained model, 1 the true concept; null when none is scored); the scheduled probes of the student's
/// endpoint in the probe ledger's bucket that starts that day, and how many of them failed.
/// </summary>
[GenerateSerializer, Immutable, Alias("ppipe.ActivityDay")]
public sealed record ActivityDay(
    int Day,
    int Fetches,
    int BatchesDue,
    int BatchesSubmitted,
    int Submissions,
    int BatchesScored,
    double? MeanRelativeScore,
    int Probes,
    int ProbesFailed);
