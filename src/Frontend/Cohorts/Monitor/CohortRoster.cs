using System.Collections.Immutable;
using PPipe.Grains.Interfaces.Roster;

namespace PPipe.Frontend.Cohorts.Monitor;

/// <summary>
/// A monitor's copy of a cohort's students. Each refresh asks every roster page only for the rows that
/// changed since the version it last saw (a fixed number of calls, small answers when little changes), so
/// a 10,000-student table stays current at a poll a second. Queries filter, sort and page in memory. Students the
/// instructor removed leave the table.
/// </summary>
public sealed class CohortRoster(IGrainFactory grains, string cohortId)
{
    private readonly Dictionary<string, MonitorRow> _rows = new(StringComparer.Ordinal);
    private readonly (Guid Epoch, long Version)[] _seen = new (Guid, long)[RosterPages.Count];
    private readonly Lock _lock = new();

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _rows.Count;
            }
        }
    }

    /// <summary>Brings the rows up to date; returns how many changed.</summary>
    public async Task<int> RefreshAsync()
    {
        var changes = await Task.WhenAll(Enumerable.Range(0, RosterPages.Count).Select(page =>
            grains.GetGrain<IRosterPageGrain>(RosterPages.KeyOf(cohortId, page)).ChangesAsync(_seen[page].Epoch, _seen[page].Version)));
        var changed = 0;
        lock (_lock)
        {
            for (var page = 0; page < changes.Length; page++)
            {
                var change = changes[page];
                _seen[page] = (change.Epoch, change.Version);
                foreach (var standing in change.Rows)
                {
                    if (standing.RemovedAt is not null)
                    {
                        changed += _rows.Remove(standing.StudentId) ? 1 : 0;
                        continue;
                    }

                    var row = MonitorRow.From(standing);
                    if (!_rows.TryGetValue(row.StudentId, out var known) || known != row)
                    {
                        _rows[row.StudentId] = row;
                        changed++;
                    }
                }
            }
        }

        return changed;
    }

    public MonitorRow? Find(string studentId)
    {
        lock (_lock)
        {
            return _rows.GetValueOrDefault(studentId);
        }
    }

    public MonitorPage Query(MonitorQuery query)
    {
        MonitorRow[] all;
        lock (_lock)
        {
            all = [.. _rows.Values];
        }

        IEnumerable<MonitorRow> matching = all;
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var search = query.Search.Trim();
            matching = matching.Where(r => r.StudentId.Contains(search, StringComparison.OrdinalIgnoreCase)
                || r.Name.Contains(search, StringComparison.OrdinalIgnoreCase)
                || r.Email.Contains(search, StringComparison.OrdinalIgnoreCase));
        }

        if (!string.IsNullOrEmpty(query.Level))
        {
            matching = matching.Where(r => r.Level == query.Level);
        }

        if (query.EndpointUp is { } up)
        {
            matching = matching.Where(r => r.EndpointUp == up);
        }

        var filtered = matching.ToList();
        filtered.Sort(Comparer(query.SortBy, query.Descending));
        var size = Math.Clamp(query.PageSize, 1, 1000);
        var rows = filtered.Skip(Math.Max(0, query.Page) * size).Take(size).ToImmutableArray();
        return new MonitorPage(rows, filtered.Count, all.Length);
    }

    private static Comparison<MonitorRow> Comparer(MonitorColumn column, bool descending)
    {
        Comparison<MonitorRow> primary = column switch
        {
            MonitorColumn.Name => (a, b) => string.Compare(a.Name, b.Name, StringComparison.OrdinalIgnoreCase),
            MonitorColumn.Fetched => (a, b) => a.Fetched.CompareTo(b.Fetched),
            MonitorColumn.LastFetch => (a, b) => Nullable.Compare(a.LastFetchAt, b.LastFetchAt),
            MonitorColumn.Submitted => (a, b) => a.Submitted.CompareTo(b.Submitted),
            MonitorColumn.OnTime => (a, b) => a.OnTime.CompareTo(b.OnTime),
            MonitorColumn.Endpoint => (a, b) => Nullable.Compare(a.EndpointUp, b.EndpointUp),
            MonitorColumn.Score => (a, b) => Nullable.Compare(a.Score, b.Score),
            MonitorColumn.Level => (a, b) => LevelRank(a.Level).CompareTo(LevelRank(b.Level)),
            _ => (_, _) => 0,
        };

        // Ties always fall back to the student id, ascending, so pages are stable across refreshes.
        return (a, b) =>
        {
            var order = descending ? primary(b, a) : primary(a, b);
            return order != 0 ? order : string.CompareOrdinal(a.StudentId, b.StudentId);
        };
    }

    private static int LevelRank(string level) => level switch
    {
        "NotYetProficient" => 1,
        "Proficient" => 2,
        "Advanced" => 3,
        "Expert" => 4,
        _ => 0,
    };
}
