using System.Text;
using Microsoft.Extensions.Caching.Memory;
using PPipe.Frontend.Students;
using PPipe.Grains.Client.Calendar;
using PPipe.Grains.Interfaces.Calendar;
using PPipe.Grains.Interfaces.Cohorts;

namespace PPipe.Frontend.Calendar;

/// <summary>
/// Rendered calendar feeds, one per enrollment, rebuilt only when something the feed shows changed: the cohort's clock
/// (a pause or resume), its name or late policy, or the student's extension. Rendering with Ical.Net is the expensive part
/// (about 15 ms for a 28-day scenario's 110 events on a 2-core machine), so a poll should find its feed here: it then
/// costs the feed index's grain call, a comparison and a write of about 2.4 KB of gzip, or a 304. Bounded by bytes (about
/// 25,000 feeds of that size): the least recently used leave first and are rendered again when asked for.
/// </summary>
public sealed class CalendarFeeds : IDisposable
{
    /// <summary>The memory the rendered feeds of one front end may take.</summary>
    public const long MaxCachedBytes = 64L * 1024 * 1024;

    private static readonly TimeSpan Idle = TimeSpan.FromHours(1);

    private readonly MemoryCache _feeds = new(new MemoryCacheOptions { SizeLimit = MaxCachedBytes });

    /// <summary>The feed of <paramref name="binding"/>'s enrollment as <paramref name="view"/> sees its cohort, from memory when unchanged.</summary>
    public CalendarFeed For(CalendarFeedBinding binding, StudentView view)
    {
        ArgumentNullException.ThrowIfNull(binding);
        ArgumentNullException.ThrowIfNull(view);
        var version = FeedVersion.Of(view.Cohort, binding.Extension);
        var key = binding.Enrollment.ToString();
        if (_feeds.TryGetValue<Entry>(key, out var cached) && cached!.Version == version)
        {
            return cached.Feed;
        }

        var schedule = StudentSchedule.Of(binding.Enrollment, view.Cohort, view.Schedule, binding.Extension);
        var feed = CalendarFeed.Of(Encoding.UTF8.GetBytes(ScheduleCalendar.Render(schedule, view.Cohort.Name, view.Scenario.Title)));
        _feeds.Set(key, new Entry(version, feed), new MemoryCacheEntryOptions { Size = feed.StoredLength + key.Length + 256, SlidingExpiration = Idle });
        return feed;
    }

    public void Dispose() => _feeds.Dispose();

    private sealed record Entry(FeedVersion Version, CalendarFeed Feed);

    /// <summary>
    /// Everything a feed depends on besides its enrollment and scenario version (immutable), by value. Pauses are only ever
    /// appended, so their count and the last one identify the clock.
    /// </summary>
    private readonly record struct FeedVersion(
        string ScenarioId, int ScenarioVersion, string Name, DateTimeOffset CreatedAt, DateTimeOffset StartsAt, double Speed, int Pauses,
        CohortPause? LastPause, CohortLatePolicy? Late, StudentExtension Extension)
    {
        public static FeedVersion Of(CohortInfo cohort, StudentExtension extension) => new(
            cohort.ScenarioId, cohort.Version, cohort.Name, cohort.CreatedAt, cohort.Clock.StartsAt, cohort.Clock.Speed,
            cohort.Clock.Pauses.IsDefaultOrEmpty ? 0 : cohort.Clock.Pauses.Length,
            cohort.Clock.Pauses.IsDefaultOrEmpty ? null : cohort.Clock.Pauses[^1],
            cohort.Late, extension);
    }
}
