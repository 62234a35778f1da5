using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Scenarios.Timeline;

namespace PPipe.Grains.Assessment;

/// <summary>
/// What the platform knew when an answer or a submission named a model: the scenario time, the batch it was submitted
/// for (null for a probe answer), how many releases the student had fetched by then and the highest of them, and the
/// highest release available by then.
/// </summary>
internal readonly record struct ModelSighting(TimeSpan At, int? Batch, int Fetched, int HighestFetched, int HighestReleased)
{
    /// <summary>The sighting at scenario time <paramref name="at"/> (wall time <paramref name="wall"/>, which fetches are recorded in).</summary>
    public static ModelSighting Of(TimeSpan at, DateTimeOffset wall, int? batch, IEnumerable<FetchRecord> fetches, ScenarioSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(fetches);
        ArgumentNullException.ThrowIfNull(schedule);
        int fetched = 0, highestFetched = 0, highestReleased = 0;
        foreach (var fetch in fetches)
        {
            if (fetch.At <= wall)
            {
                fetched++;
                highestFetched = Math.Max(highestFetched, fetch.Seq);
            }
        }

        foreach (var release in schedule.Releases)
        {
            if (release.AvailableAt <= at)
            {
                highestReleased = Math.Max(highestReleased, release.Seq);
            }
        }

        return new ModelSighting(at, batch, fetched, highestFetched, highestReleased);
    }
}
