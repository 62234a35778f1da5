namespace PPipe.Frontend.Cohorts.Monitor;

/// <summary>The columns the monitor's table sorts by.</summary>
public enum MonitorColumn
{
    Student,
    Name,
    Fetched,
    LastFetch,
    Submitted,
    OnTime,
    Endpoint,
    Score,
    Level,
}

/// <summary>What the instructor asked the table for: a filter, an order and a page.</summary>
public sealed record MonitorQuery(
    string? Search = null,
    string? Level = null,
    bool? EndpointUp = null,
    MonitorColumn SortBy = MonitorColumn.Student,
    bool Descending = false,
    int Page = 0,
    int PageSize = 50);

/// <summary>One page of rows and how many rows matched the filter in all.</summary>
public sealed record MonitorPage(IReadOnlyList<MonitorRow> Rows, int Matching, int Total);
