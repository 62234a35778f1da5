using System.Collections.Immutable;
using PPipe.Grains.Interfaces.Cohorts;
using PPipe.Grains.Interfaces.Library;
using PPipe.Grains.Interfaces.Roster;
using PPipe.Grains.Interfaces.Surveys;

namespace PPipe.Grains.Client.Surveys;

/// <summary>
/// Reads what survey analytics needs for a cohort: its <see cref="SurveyShards.Count"/> survey shards and
/// <see cref="RosterPages.Count"/> roster pages (who is enrolled, and each student's criterion scores), whatever the cohort's
/// size, never a student's grain. A comparison reads each compared cohort the same way, one cohort after another.
/// </summary>
public static class SurveyAnalyticsReader
{
    /// <summary>The most cohorts a comparison shows, the one asked about included.</summary>
    public const int MaxComparedCohorts = 8;

    /// <summary>The cohort's analytics; its surveys' instruments are resolved through <paramref name="instruments"/>.</summary>
    public static async Task<SurveyAnalytics> ReadAsync(IGrainFactory grains, SurveyInstrumentCatalog instruments, CohortInfo cohort,
        CohortSurveys surveys, bool consentingOnly)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(instruments);
        ArgumentNullException.ThrowIfNull(cohort);
        ArgumentNullException.ThrowIfNull(surveys);
        var pre = surveys.Pre is { } p ? await instruments.FindAsync(p.InstrumentId, p.Version) : null;
        var post = surveys.Post is { } q ? await instruments.FindAsync(q.InstrumentId, q.Version) : null;
        var (roster, rows) = await ReadCohortAsync(grains, cohort.Id);
        return SurveyAnalysis.Compute(cohort.Id, cohort.Name, cohort.ScenarioId, pre, post, roster, rows, consentingOnly);
    }

    /// <summary>
    /// This cohort and the newest others of its scenario (at most <see cref="MaxComparedCohorts"/> in all) that have both surveys
    /// attached, each with its change per competence.
    /// </summary>
    public static async Task<SurveyComparison> CompareAsync(IGrainFactory grains, SurveyInstrumentCatalog instruments, CohortInfo cohort,
        CohortSurveys surveys, bool consentingOnly)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(cohort);
        var columns = ImmutableArray.CreateBuilder<SurveyComparison.CohortColumn>();
        columns.Add(Column(cohort, await ReadAsync(grains, instruments, cohort, surveys, consentingOnly)));
        var library = await grains.GetGrain<ILibraryGrain>(ILibraryGrain.Key).CohortsAsync();
        foreach (var entry in library.Where(e => e.ScenarioId == cohort.ScenarioId && e.Id != cohort.Id).OrderByDescending(e => e.CreatedAt))
        {
            if (columns.Count >= MaxComparedCohorts)
            {
                break;
            }

            // One cohort at a time: each read is already a fan-out of a couple of hundred calls.
            if (await grains.GetGrain<ICohortGrain>(entry.Id).GetAsync() is { } other
                && await grains.GetGrain<ICohortSurveysGrain>(entry.Id).GetAsync() is { Pre: not null, Post: not null } otherSurveys)
            {
                columns.Add(Column(other, await ReadAsync(grains, instruments, other, otherSurveys, consentingOnly)));
            }
        }

        return new SurveyComparison(cohort.ScenarioId, consentingOnly, columns.ToImmutable());
    }

    /// <summary>The cohort's course feedback, one page of its free-text answers; null when no feedback is attached or its instrument is gone.</summary>
    public static async Task<CourseFeedback?> ReadFeedbackAsync(IGrainFactory grains, SurveyInstrumentCatalog instruments, CohortInfo cohort,
        CohortSurveys surveys, int page, int pageSize)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(instruments);
        ArgumentNullException.ThrowIfNull(cohort);
        ArgumentNullException.ThrowIfNull(surveys);
        if (surveys.Feedback is not { } schedule || await instruments.FindAsync(schedule.InstrumentId, schedule.Version) is not { } instrument)
        {
            return null;
        }

        var (roster, rows) = await ReadCohortAsync(grains, cohort.Id);
        return CourseFeedbackAnalysis.Compute(cohort.Id, instrument, roster, rows, page, pageSize);
    }

    /// <summary>Every roster page's students and every survey shard's rows, all at once: a fixed fan-out of 192 calls.</summary>
    private static async Task<(IEnumerable<StudentStanding> Roster, IEnumerable<SurveyResponseRow> Rows)> ReadCohortAsync(IGrainFactory grains, string cohortId)
    {
        var shards = Task.WhenAll(Enumerable.Range(0, SurveyShards.Count)
            .Select(shard => grains.GetGrain<ISurveyShardGrain>(SurveyShards.KeyOf(cohortId, shard)).RowsAsync()));
        // An empty epoch is never a page's: every page answers all of its students.
        var pages = Task.WhenAll(Enumerable.Range(0, RosterPages.Count)
            .Select(page => grains.GetGrain<IRosterPageGrain>(RosterPages.KeyOf(cohortId, page)).ChangesAsync(Guid.Empty, 0)));
        var rows = await shards;
        var roster = await pages;
        return (roster.SelectMany(page => page.Rows), rows.SelectMany(shard => shard));
    }

    private static SurveyComparison.CohortColumn Column(CohortInfo cohort, SurveyAnalytics analytics) =>
        new(cohort.Id, cohort.Name, cohort.Clock.StartsAt, analytics.Responses.Analyzed, analytics.Competences);
}
