using System.Collections.Immutable;
using PPipe.Grains.Interfaces.Research;

namespace PPipe.Grains.Research;

/// <summary>
/// Adds a student's evidence up by scenario day (<c>ScenarioDay</c>): fetches, batches by the day they are due,
/// probes by the day their ledger bucket starts, and the overall grade last reported each day. Bounded by the scenario's length in days.
/// </summary>
internal sealed class ActivityCalendar
{
    private readonly SortedDictionary<int, Day> _days = [];

    public void Fetch(int day) => DayOf(day).Fetches++;

    /// <summary>A batch due on <paramref name="day"/> with the student's accepted submissions and, once scored, its relative score.</summary>
    public void Batch(int day, int submissions, bool scored, double? relative)
    {
        var d = DayOf(day);
        d.BatchesDue++;
        d.BatchesSubmitted += submissions > 0 ? 1 : 0;
        d.Submissions += submissions;
        if (scored)
        {
            d.BatchesScored++;
            if (relative is { } r && double.IsFinite(r))
            {
                d.RelativeSum += r;
                d.RelativeCount++;
            }
        }
    }

    public void Probes(int day, int attempts, int failed)
    {
        var d = DayOf(day);
        d.Probes += attempts;
        d.ProbesFailed += failed;
    }

    /// <summary>The overall grade last reported on <paramref name="day"/>.</summary>
    public void Grade(int day, double? score, string? level)
    {
        var d = DayOf(day);
        d.OverallScore = score;
        d.OverallLevel = level;
    }

    public ImmutableArray<ActivityDay> Days() => [.. _days.Select(p => new ActivityDay(p.Key, p.Value.Fetches, p.Value.BatchesDue,
        p.Value.BatchesSubmitted, p.Value.Submissions, p.Value.BatchesScored,
        p.Value.RelativeCount == 0 ? null : p.Value.RelativeSum / p.Value.RelativeCount, p.Value.Probes, p.Value.ProbesFailed,
        p.Value.OverallScore, p.Value.OverallLevel))];

    private Day DayOf(int day)
    {
        if (!_days.TryGetValue(day, out var d))
        {
            _days[day] = d = new Day();
        }

        return d;
    }

    private sealed class Day
    {
        public int Fetches;
        public int BatchesDue;
        public int BatchesSubmitted;
        public int Submissions;
        public int BatchesScored;
        public double RelativeSum;
        public int RelativeCount;
        public int Probes;
        public int ProbesFailed;
        public double? OverallScore;
        public string? OverallLevel;
    }
}
