using System.Text.RegularExpressions;

namespace PPipe.Frontend.Components.Pages.Student;

/// <summary>
/// The time zone a student's browser reports (an IANA name such as <c>Europe/Paris</c>), so the page can show
/// wall times in it beside UTC. A zone that is UTC all year round is no zone: those times show in UTC alone.
/// </summary>
public sealed partial record StudentTimeZone(string Name, TimeZoneInfo Zone)
{
    /// <summary>The zone of that IANA name, or null when there is none, it is unknown here, or it is UTC.</summary>
    /// <remarks>The name comes from the browser, so only the shape of an IANA name is looked up.</remarks>
    public static StudentTimeZone? Of(string? name)
    {
        if (name is null || name.Length > 64 || !IanaName().IsMatch(name))
        {
            return null;
        }

        try
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(name);
            return zone.HasSameRules(TimeZoneInfo.Utc) ? null : new StudentTimeZone(name, zone);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return null;
        }
    }

    /// <summary>The same instant on this zone's clock.</summary>
    public DateTimeOffset Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+){0,2}$")]
    private static partial Regex IanaName();
}
