using System.Globalization;
using System.Text;

namespace PPipe.Scenarios.Spec;

/// <summary>
/// Durations as people write them: <c>36h</c>, <c>7d</c>, <c>90m</c>, <c>1d12h</c>, <c>1.5h</c>,
/// <c>500ms</c>, <c>2w</c>. Units run from weeks down to milliseconds, largest first, each at most once.
/// </summary>
public static class ScenarioDuration
{
    /// <summary>The longest duration a spec may contain anywhere.</summary>
    public static readonly TimeSpan Maximum = TimeSpan.FromDays(3650);

    private static readonly (string Unit, TimeSpan Size)[] Units =
    [
        ("w", TimeSpan.FromDays(7)),
        ("d", TimeSpan.FromDays(1)),
        ("h", TimeSpan.FromHours(1)),
        ("m", TimeSpan.FromMinutes(1)),
        ("s", TimeSpan.FromSeconds(1)),
        ("ms", TimeSpan.FromMilliseconds(1)),
    ];

    public static TimeSpan Parse(string text) =>
        TryParse(text, out var value)
            ? value
            : throw new FormatException($"'{text}' is not a duration; write e.g. 36h, 7d, 90m or 1d12h.");

    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var span = text.AsSpan().Trim();
        var total = 0.0;
        var lastUnit = -1;
        while (!span.IsEmpty)
        {
            var numberLength = 0;
            while (numberLength < span.Length && (char.IsAsciiDigit(span[numberLength]) || span[numberLength] == '.'))
            {
                numberLength++;
            }

            if (numberLength == 0
                || !double.TryParse(span[..numberLength], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }

            span = span[numberLength..];
            var unitLength = 0;
            while (unitLength < span.Length && char.IsAsciiLetterLower(span[unitLength]))
            {
                unitLength++;
            }

            var unit = span[..unitLength];
            var unitIndex = -1;
            for (var u = 0; u < Units.Length; u++)
            {
                if (unit.SequenceEqual(Units[u].Unit))
                {
                    unitIndex = u;
                }
            }

            if (unitIndex <= lastUnit)
            {
                return false; // unknown unit, missing unit, or units out of order / repeated
            }

            lastUnit = unitIndex;
            total += number * Units[unitIndex].Size.Ticks;
            span = span[unitLength..].TrimStart(' ');
        }

        if (total > Maximum.Ticks)
        {
            return false;
        }

        // Durations resolve to whole milliseconds so that 1.1h and 66m are the same value.
        value = TimeSpan.FromMilliseconds(Math.Round(total / TimeSpan.TicksPerMillisecond));
        return true;
    }

    /// <summary>The canonical spelling: days, hours, minutes, seconds, milliseconds (e.g. <c>1d12h</c>).</summary>
    public static string Format(TimeSpan value)
    {
        if (value == TimeSpan.Zero)
        {
            return "0s";
        }

        var text = new StringBuilder();
        if (value < TimeSpan.Zero)
        {
            text.Append('-');
            value = value.Duration();
        }

        var rest = value.Ticks;
        foreach (var (unit, size) in Units.AsSpan(1))
        {
            var count = rest / size.Ticks;
            if (count > 0)
            {
                text.Append(count.ToString(CultureInfo.InvariantCulture)).Append(unit);
                rest -= count * size.Ticks;
            }
        }

        return rest == value.Ticks ? "0s" : text.ToString();
    }
}
