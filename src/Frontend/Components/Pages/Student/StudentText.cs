using System.Globalization;
using System.Text;

namespace PPipe.Frontend.Components.Pages.Student;

/// <summary>How the student's page writes times, countdowns, scores and rubric levels.</summary>
public static class StudentText
{
    /// <summary>A wall time in UTC, to the second.</summary>
    public static string Time(DateTimeOffset? at) =>
        at is { } value ? value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) : "—";

    /// <summary>
    /// A wall time in the student's zone beside UTC, to the second: <c>2030-01-01 05:31:00 Asia/Kolkata · 00:01:00 UTC</c>
    /// (the UTC date repeated only when it differs); UTC alone when the zone is unknown.
    /// </summary>
    public static string Time(DateTimeOffset? at, StudentTimeZone? zone)
    {
        if (at is not { } value || zone is null)
        {
            return Time(at);
        }

        var local = zone.Local(value);
        var utc = local.Date == value.UtcDateTime.Date
            ? value.UtcDateTime.ToString("HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)
            : Time(value);
        return string.Create(CultureInfo.InvariantCulture, $"{local:yyyy-MM-dd HH:mm:ss} {zone.Name} · {utc}");
    }

    /// <summary>A scenario time, to the minute (scenario clocks run fast).</summary>
    public static string ScenarioTime(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>Time left, rounded up to the second: <c>1d 02:03:04</c>, or <c>02:03:04</c> under a day.</summary>
    public static string Countdown(TimeSpan left)
    {
        var seconds = (long)Math.Ceiling(Math.Max(0, left.TotalSeconds));
        var span = TimeSpan.FromSeconds(seconds);
        var clock = string.Create(CultureInfo.InvariantCulture, $"{span.Hours:00}:{span.Minutes:00}:{span.Seconds:00}");
        return span.Days > 0 ? string.Create(CultureInfo.InvariantCulture, $"{span.Days}d {clock}") : clock;
    }

    /// <summary>A span in the largest units that state it exactly: <c>3d</c>, <c>12h</c>, <c>1d 6h</c>, <c>90 s</c>, <c>300 ms</c>.</summary>
    public static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.FromSeconds(1))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{span.TotalMilliseconds:0} ms");
        }

        var parts = new List<string>();
        if (span.Days > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{span.Days}d"));
        }

        if (span.Hours > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{span.Hours}h"));
        }

        if (span.Minutes > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{span.Minutes} min"));
        }

        if (span.Seconds > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{span.Seconds} s"));
        }

        return parts.Count == 0 ? "0 s" : string.Join(' ', parts);
    }

    public static string Score(double? score) => score is { } value ? value.ToString("0.###", CultureInfo.InvariantCulture) : "—";

    public static string Percent(double value) => value.ToString("0.#%", CultureInfo.InvariantCulture);

    /// <summary>A PascalCase name as words: <c>NotStarted</c> → "Not started".</summary>
    public static string Words(string name)
    {
        var words = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (i == 0)
            {
                words.Append(char.ToUpperInvariant(c));
            }
            else if (char.IsUpper(c))
            {
                words.Append(' ').Append(char.ToLowerInvariant(c));
            }
            else
            {
                words.Append(c);
            }
        }

        return words.ToString();
    }
}
