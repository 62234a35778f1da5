using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using PPipe.Grains.Client.Calendar;
using IcalCalendar = Ical.Net.Calendar;

namespace PPipe.Frontend.Calendar;

/// <summary>
/// A student's schedule as an iCalendar (RFC 5545) feed for subscription, written with Ical.Net. Times are UTC. No METHOD:
/// a subscribed feed is a published calendar, not a message, so DTSTAMP can say when an event last changed and the
/// same schedule always renders to the same bytes (and ETag).
/// </summary>
public static class ScheduleCalendar
{
    /// <summary>How often a calendar app is asked to poll (REFRESH-INTERVAL, X-PUBLISHED-TTL); many poll on their own schedule.</summary>
    public const string RefreshInterval = "PT15M";

    public static string Render(StudentSchedule schedule, string cohortName, string scenarioTitle)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var calendar = new IcalCalendar { ProductId = "-//P-PIPE//Student schedule//EN" };
        calendar.AddProperty("X-WR-CALNAME", $"P-PIPE: {cohortName}");
        calendar.AddProperty("X-WR-CALDESC",
            $"{scenarioTitle}: releases, batch windows and your deadlines (with your extension), in UTC. While the cohort is paused, " +
            "later times are marked tentative and move by however long the pause lasts.");
        calendar.AddProperty("X-WR-TIMEZONE", "UTC");
        var refresh = new Ical.Net.CalendarProperty("REFRESH-INTERVAL", RefreshInterval);
        refresh.Parameters.Set("VALUE", "DURATION");
        calendar.AddProperty(refresh);
        calendar.AddProperty("X-PUBLISHED-TTL", RefreshInterval);
        foreach (var entry in schedule.Entries)
        {
            var item = new CalendarEvent
            {
                Uid = entry.Uid,
                Summary = entry.Title,
                Description = entry.Description,
                DtStart = Utc(entry.Start),
                DtStamp = Utc(entry.LastModified),
                LastModified = Utc(entry.LastModified),
                Sequence = entry.Sequence,
                Status = entry.Tentative ? "TENTATIVE" : "CONFIRMED",
                Transparency = "TRANSPARENT",
            };
            if (entry.End is { } end)
            {
                item.DtEnd = Utc(end);
            }

            item.Categories.Add(CategoryOf(entry.Kind));
            calendar.Events.Add(item);
        }

        return new CalendarSerializer().SerializeToString(calendar)
            ?? throw new InvalidOperationException("Ical.Net wrote no calendar.");
    }

    private static CalDateTime Utc(DateTimeOffset at) => new(at.UtcDateTime, CalDateTime.UtcTzId);

    private static string CategoryOf(ScheduleEntryKind kind) => kind switch
    {
        ScheduleEntryKind.Release => "Release",
        ScheduleEntryKind.BatchWindow => "Batch window",
        ScheduleEntryKind.BatchDue => "Deadline",
        ScheduleEntryKind.LateCutoff => "Deadline",
        _ => "Scenario",
    };
}
