namespace PPipe.Cluster.Soak.Measure;

/// <summary>A statement as pg_stat_statements counted it over the run.</summary>
public sealed record StatementStats(long Calls, double TotalMs, double MeanMs, long Rows, string Query);
