namespace PPipe.Cluster.Soak.Admin;

/// <summary>
/// One roster upload: the answer, how long it took, how many were enrolled (with the tokens returned) and
/// refused (by reason), and the start of the body when it was not a 200.
/// </summary>
public sealed record RosterUpload(
    string CohortId,
    int Rows,
    int Status,
    TimeSpan Elapsed,
    int Enrolled,
    int Refused,
    IReadOnlyDictionary<string, string> Tokens,
    IReadOnlyDictionary<string, int> RefusalReasons,
    string? Failure);
