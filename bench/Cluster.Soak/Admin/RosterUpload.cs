namespace PPipe.Cluster.Soak.Admin;

/// <summary>
/// One roster upload: the answer, how long it took, how many were newly enrolled and how many the cohort had already,
/// the tokens returned (every student's), and the start of the body when it was not a 200.
/// </summary>
public sealed record RosterUpload(
    string CohortId,
    int Rows,
    int Status,
    TimeSpan Elapsed,
    int Enrolled,
    int AlreadyEnrolled,
    IReadOnlyDictionary<string, string> Tokens,
    string? Failure);
