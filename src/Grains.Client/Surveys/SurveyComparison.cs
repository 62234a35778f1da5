using System.Collections.Immutable;

namespace PPipe.Grains.Client.Surveys;

/// <summary>
/// The same scenario run in several cohorts, side by side: for each cohort with both surveys attached (the one asked about
/// first, then the others newest first), how many students count and the self-rating change per competence with its interval.
/// </summary>
public sealed record SurveyComparison(string ScenarioId, bool ConsentingOnly, ImmutableArray<SurveyComparison.CohortColumn> Cohorts)
{
    /// <summary>One cohort's column: its name and start, the students analysed, and each competence's change.</summary>
    public sealed record CohortColumn(string CohortId, string Name, DateTimeOffset StartsAt, int Analyzed,
        ImmutableArray<SurveyAnalytics.CompetenceChange> Competences);
}
