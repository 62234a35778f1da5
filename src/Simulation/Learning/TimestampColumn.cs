namespace PPipe.Simulation.Learning;

/// <summary>
/// An event time, read the way people's behaviour follows the clock: one-hot hour of the day and a
/// weekend flag (only the ones that vary in training). The date itself is left out on purpose: a linear
/// trend over dates extrapolates badly into the future the model is used in.
/// </summary>
internal sealed class TimestampColumn : ColumnEncoder
{
    private const int Hours = 24;

    private readonly int[] _hourSlot;
    private readonly int _weekendSlot;

    private TimestampColumn(string name, int[] hourSlot, int weekendSlot, int width)
        : base(name)
    {
        _hourSlot = hourSlot;
        _weekendSlot = weekendSlot;
        Width = width;
    }

    public override int Width { get; }

    public static TimestampColumn? Fit(string name, IReadOnlyList<string> present)
    {
        var hours = new int[Hours];
        var weekends = 0;
        foreach (var cell in present)
        {
            TryTimestamp(cell, out var at);
            hours[at.Hour]++;
            weekends += IsWeekend(at) ? 1 : 0;
        }

        var width = 0;
        var hourSlot = new int[Hours];
        for (var h = 0; h < Hours; h++)
        {
            hourSlot[h] = hours[h] > 0 && hours[h] < present.Count ? width++ : -1;
        }

        var weekendSlot = weekends > 0 && weekends < present.Count ? width++ : -1;
        return width == 0 ? null : new TimestampColumn(name, hourSlot, weekendSlot, width);
    }

    public override void Encode(string cell, Span<double> destination)
    {
        destination.Clear();
        if (!TryTimestamp(cell, out var at))
        {
            return;
        }

        if (_hourSlot[at.Hour] >= 0)
        {
            destination[_hourSlot[at.Hour]] = 1;
        }

        if (_weekendSlot >= 0 && IsWeekend(at))
        {
            destination[_weekendSlot] = 1;
        }
    }

    private static bool IsWeekend(DateTimeOffset at) => at.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
}
