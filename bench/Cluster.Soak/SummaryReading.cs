namespace PPipe.Cluster.Soak;

/// <summary>
/// A cohort summary as the instructor's dashboard would have read it: when, the status, and the counts the issue
/// says go wrong (enrolled, batches due, students shown Ungraded).
/// </summary>
public sealed record SummaryReading(double At, string CohortId, int Status, int? Enrolled, int? DueBatches, int? Ungraded, int? FetchedLatest);
