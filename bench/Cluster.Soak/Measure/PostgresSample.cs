namespace PPipe.Cluster.Soak.Measure;

/// <summary>
/// One reading of PostgreSQL: connections to the soak's database by state and by the process holding them, and the
/// database's cumulative counters (transactions, rows, statements). <see cref="Error"/> is set when it could not be read.
/// </summary>
public sealed record PostgresSample(
    double At,
    int Connections,
    IReadOnlyDictionary<string, int> ByState,
    IReadOnlyDictionary<string, int> ByOwner,
    long Commits,
    long Rollbacks,
    long RowsInserted,
    long RowsUpdated,
    long RowsFetched,
    long? Statements,
    string? Error);
