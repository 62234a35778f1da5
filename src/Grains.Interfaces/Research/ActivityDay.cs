namespace PPipe.Grains.Interfaces.Research;

/// <summary>
/// One scenario day (day 1 is the first) of a student's evidence: first fetches of releases made that day; the batches due that
/// day, how many of them the student submitted to, their accepted submissions, how many are scored and the mean relative score
/// of those (0 the never-retrained model, 1 the true concept; null when none is scored); the scheduled probes of the student's
/// endpoint in the probe ledger's bucket that starts that day, and how many of them failed; the overall grade as last reported
/// that day (its score from 0 to 1 and its level; null on a day without a report, or while nothing could be judged).
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
    int ProbesFailed,
    double? OverallScore = null,
    string? OverallLevel = null);
