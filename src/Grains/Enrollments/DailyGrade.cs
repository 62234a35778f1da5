using PPipe.Scenarios;

namespace PPipe.Grains.Enrollments;

/// <summary>The overall grade last reported on one scenario day (day 1 is the first): the student's grade over time, day by day.</summary>
[GenerateSerializer, Immutable, Alias("ppipe.DailyGrade")]
public sealed record DailyGrade(
    [property: Id(0)] int Day,
    [property: Id(1)] double? Score,
    [property: Id(2)] GradeLevel? Level)
{
    /// <summary>Days of grade history kept: a scenario's longest duration (365 days), with room for late work after its end.</summary>
    public const int Capacity = 400;

    /// <summary>
    /// Keeps <paramref name="score"/> and <paramref name="level"/> in <paramref name="history"/> as the grade of scenario day
    /// <paramref name="day"/>, dropping the oldest day beyond <see cref="Capacity"/>; false when that grade was kept already.
    /// </summary>
    public static bool Note(List<DailyGrade> history, int day, double? score, GradeLevel? level)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (history.Count > 0 && history[^1].Day >= day)
        {
            // A day already begun (or, after a clock change, one before it) keeps its latest grade.
            var latest = new DailyGrade(history[^1].Day, score, level);
            if (history[^1] == latest)
            {
                return false;
            }

            history[^1] = latest;
            return true;
        }

        if (history.Count >= Capacity)
        {
            history.RemoveAt(0);
        }

        history.Add(new DailyGrade(day, score, level));
        return true;
    }
}
