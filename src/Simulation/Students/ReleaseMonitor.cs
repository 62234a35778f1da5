using System.Globalization;
using System.Text.RegularExpressions;
using PPipe.Simulation.Learning;

namespace PPipe.Simulation.Students;

/// <summary>
/// The checks a student's pipeline runs on each release it downloads, from what the student sees only, and the
/// incident reports they call for:
/// <list type="bullet">
/// <item>a column missing, renamed or new against the previous release's header: <c>data-quality</c> naming them;</item>
/// <item>a numeric column (the target included, so a changed concept shows too) whose mean moved from its mean over the
/// previous <c>window</c> releases by at least <c>sigmas</c> standard errors and <c>minEffect</c> of its standard
/// deviation: <c>drift</c> naming every such column. A column is compared only once <c>window</c> releases have it (fewer
/// days swing with the day of the week), and after a drift every column starts afresh from the release that showed it
/// (the new normal), so neither a lasting shift nor a column moving along with the one reported is reported again;</item>
/// <item>a channel answering 503 with the channel-outage problem: <c>outage</c> naming it, once until it answers again.</item>
/// </list>
/// With <c>baselessEvery</c> above 0, every that many releases it also reports a problem with one column that nothing
/// showed, as an over-eager student does. A drift begins at the release's first row timestamp; a new header and an
/// outage when they were seen (a header changes when a release comes out, whatever its rows' times). Releases older
/// than one already checked (held back by an outage) are not compared. Holds per column the moments of the last
/// <c>window</c> releases, no rows.
/// </summary>
internal sealed partial class ReleaseMonitor(double sigmas, double minEffect, int window, int baselessEvery = 0)
{
    private readonly Dictionary<string, Queue<Moments>> _history = new(StringComparer.Ordinal);
    private readonly HashSet<string> _down = new(StringComparer.Ordinal);
    private IReadOnlyList<string>? _columns;
    private int _lastSeq;

    /// <summary>The reports release <paramref name="seq"/>, fetched at scenario time <paramref name="fetchedAt"/>, calls for
    /// (none for a release older than one already checked).</summary>
    public IReadOnlyList<IncidentReport> Observe(int seq, DataTable release, DateTimeOffset fetchedAt)
    {
        ArgumentNullException.ThrowIfNull(release);
        if (seq <= _lastSeq)
        {
            return [];
        }

        _lastSeq = seq;
        var reports = new List<IncidentReport>();
        if (_columns is { } before && SchemaChange(seq, before, release.Columns, fetchedAt) is { } schema)
        {
            reports.Add(schema);
        }

        _columns = release.Columns;
        var moments = new Dictionary<string, Moments>(StringComparer.Ordinal);
        foreach (var column in release.Columns)
        {
            if (Moments.Of(release.Column(column)) is { } numbers)
            {
                moments[column] = numbers;
            }
        }

        foreach (var gone in _history.Keys.Except(moments.Keys).ToList())
        {
            _history.Remove(gone);
        }

        var moved = new List<string>();
        var sentences = new List<string>();
        foreach (var (column, now) in moments)
        {
            if (_history.TryGetValue(column, out var past) && past.Count == window && Shift(Moments.Pool(past), now) is { } sentence)
            {
                moved.Add(column);
                sentences.Add($"{column} {sentence}");
            }
        }

        var began = FirstTimestamp(release) ?? fetchedAt;
        if (moved.Count > 0)
        {
            reports.Add(new IncidentReport("drift", [.. moved.Take(20)], null, began,
                $"In release {seq}, against the {Count(window, "release")} before: {string.Join("; ", sentences)}."));
            _history.Clear();
        }

        foreach (var (column, now) in moments)
        {
            var past = _history.TryGetValue(column, out var queue) ? queue : _history[column] = new Queue<Moments>();
            past.Enqueue(now);
            while (past.Count > window)
            {
                past.Dequeue();
            }
        }

        if (baselessEvery > 0 && seq % baselessEvery == 0 && moments.Count > 0)
        {
            var column = moments.Keys.ElementAt(seq / baselessEvery % moments.Count);
            reports.Add(new IncidentReport("data-quality", [column], null, began, $"The values of {column} in release {seq} look wrong."));
        }

        return reports;
    }

    /// <summary>An outage report the first time <paramref name="channel"/> is seen down since it last answered; else null.</summary>
    public IncidentReport? ChannelDown(string channel, DateTimeOffset scenarioNow) =>
        _down.Add(channel)
            ? new IncidentReport("outage", [], channel, scenarioNow, $"The {channel} channel answers 503 (channel outage); releases cannot be fetched through it.")
            : null;

    /// <summary>The channel answered: a later 503 is a new outage.</summary>
    public void ChannelUp(string channel) => _down.Remove(channel);

    /// <summary>The channel a 503 says is in an outage (the problem's title or the S3 error's message names it), or null for
    /// another 503 (a cluster failing over).</summary>
    public static string? OutageChannel(int status, string body) =>
        status == 503 && OutageText().Match(body) is { Success: true } match ? match.Groups["channel"].Value : null;

    /// <summary>"moved from 18.2 to 24.9 (12.3 standard errors)", or null when the change is within the thresholds.</summary>
    private string? Shift(Moments baseline, Moments now)
    {
        if (baseline.Count < 2 || now.Count < 2)
        {
            return null;
        }

        var difference = now.Mean - baseline.Mean;
        var error = Math.Sqrt(baseline.Variance / baseline.Count + now.Variance / now.Count);
        var spread = Math.Sqrt(baseline.Variance);
        if (error <= 0 || spread <= 0 || Math.Abs(difference) < sigmas * error || Math.Abs(difference) < minEffect * spread)
        {
            return null;
        }

        return $"mean moved from {Number(baseline.Mean)} to {Number(now.Mean)} ({Number(Math.Abs(difference) / error)} standard errors)";
    }

    private static IncidentReport? SchemaChange(int seq, IReadOnlyList<string> before, IReadOnlyList<string> now, DateTimeOffset began)
    {
        var gone = before.Except(now, StringComparer.Ordinal).ToList();
        var added = now.Except(before, StringComparer.Ordinal).ToList();
        if (gone.Count + added.Count == 0)
        {
            return null;
        }

        var parts = new List<string>();
        if (gone.Count > 0)
        {
            parts.Add($"{string.Join(", ", gone)} {(gone.Count == 1 ? "is" : "are")} gone");
        }

        if (added.Count > 0)
        {
            parts.Add($"{string.Join(", ", added)} {(added.Count == 1 ? "is" : "are")} new");
        }

        return new IncidentReport("data-quality", [.. gone.Concat(added).Take(20)], null, began,
            $"Release {seq} has a different header: {string.Join("; ", parts)}.");
    }

    /// <summary>The first timestamp in the release's first timestamp column: rows are in time order, late ones appended.</summary>
    private static DateTimeOffset? FirstTimestamp(DataTable table)
    {
        foreach (var row in table.Rows.Take(1))
        {
            foreach (var cell in row)
            {
                if (ColumnEncoder.TryTimestamp(cell, out var at))
                {
                    return at;
                }
            }
        }

        return null;
    }

    private static string Count(int n, string noun) => n == 1 ? $"{noun}" : $"{n.ToString(CultureInfo.InvariantCulture)} {noun}s";

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"The (?<channel>[a-z]+) channel (is down|is in an outage)")]
    private static partial Regex OutageText();

    /// <summary>Count, mean and variance of a column's numbers (blanks left out), poolable across releases.</summary>
    private readonly record struct Moments(double Count, double Mean, double SumOfSquares)
    {
        public double Variance => Count > 1 ? SumOfSquares / (Count - 1) : 0;

        /// <summary>The moments of a column of numbers, or null when a cell is neither a number nor blank, or all are blank.</summary>
        public static Moments? Of(IEnumerable<string> cells)
        {
            var moments = default(Moments);
            foreach (var cell in cells)
            {
                if (ColumnEncoder.TryNumber(cell, out var value))
                {
                    var count = moments.Count + 1;
                    var delta = value - moments.Mean;
                    var mean = moments.Mean + delta / count;
                    moments = new Moments(count, mean, moments.SumOfSquares + delta * (value - mean));
                }
                else if (!ColumnEncoder.IsBlank(cell))
                {
                    return null;
                }
            }

            return moments.Count > 0 ? moments : null;
        }

        /// <summary>The moments of the union (Chan's pairwise update).</summary>
        public static Moments Pool(IEnumerable<Moments> parts) => parts.Aggregate(default(Moments), (a, b) =>
        {
            var count = a.Count + b.Count;
            if (count == 0)
            {
                return a;
            }

            var delta = b.Mean - a.Mean;
            return new Moments(count, a.Mean + delta * b.Count / count, a.SumOfSquares + b.SumOfSquares + delta * delta * a.Count * b.Count / count);
        });
    }
}
