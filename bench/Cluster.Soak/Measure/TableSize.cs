namespace PPipe.Cluster.Soak.Measure;

/// <summary>A table of the soak's database at the end: live rows and total size with indexes and TOAST.</summary>
public sealed record TableSize(string Table, long Rows, long Bytes);
