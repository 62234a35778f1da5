using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using PPipe.Frontend.Students;
using PPipe.Grains.Client.Calendar;
using PPipe.Grains.Interfaces.Calendar;
using PPipe.Grains.Interfaces.Cohorts;

namespace PPipe.Frontend.Calendar;

/// <summary>
/// Rendered calendar feeds, one per enrollment, rebuilt only when something the feed shows changed: the cohort's clock
/// (a pause or resume), its name or late policy, or the student's extension. A poll then costs the feed index's grain
/// call, a comparison and, when the calendar app sends the ETag back, a 304. Bounded by bytes: the least used feeds
/// leave first and are rendered again when asked for.
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
        var body = Encoding.UTF8.GetBytes(ScheduleCalendar.Render(schedule, view.Cohort.Name, view.Scenario.Title));
        var feed = new CalendarFeed(body, "\"" + Convert.ToHexStringLower(SHA256.HashData(body).AsSpan(0, 12)) + "\"");
        _feeds.Set(key, new Entry(version, feed), new MemoryCacheEntryOptions { Size = body.Length + key.Length + 256, SlidingExpiration = Idle });
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
