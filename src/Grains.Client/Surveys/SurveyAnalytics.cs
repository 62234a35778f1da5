using System.Collections.Immutable;

namespace PPipe.Grains.Client.Surveys;

/// <summary>
/// What a cohort's pre- and post-survey show, computed from its survey shards and roster pages by <see cref="SurveyAnalysis"/>:
/// who answered, the change of self-ratings per competence, the knowledge questions' share correct and normalized gain, how the
/// change relates to the rubric's criteria, and each item's distribution. The API returns it as it is and the analytics page
/// draws it, so both show the same figures. <see cref="ConsentingOnly"/>: only students whose research consent is given count
/// in the figures (the response counts always cover every enrolled student).
/// </summary>
public sealed record SurveyAnalytics(
    string CohortId,
    string CohortName,
    string ScenarioId,
    bool ConsentingOnly,
    SurveyAnalytics.InstrumentRef? Pre,
    SurveyAnalytics.InstrumentRef? Post,
    SurveyAnalytics.ResponseCounts Responses,
    ImmutableArray<SurveyAnalytics.CompetenceChange> Competences,
    ImmutableArray<SurveyAnalytics.KnowledgeShare> Knowledge,
    ImmutableArray<SurveyAnalytics.CriterionCorrelation> Correlations,
    ImmutableArray<SurveyAnalytics.ItemDistribution> Items)
{
    /// <summary>The instrument version a survey asks.</summary>
    public sealed record InstrumentRef(string Id, int Version, string Title);

    /// <summary>
    /// Enrolled students (removed ones never count), how many of them submitted the pre-survey, the post-survey, both, and gave
    /// research consent; <c>analyzed</c> is how many submitted both and count in the figures.
    /// </summary>
    public sealed record ResponseCounts(int Enrolled, int PreSubmitted, int PostSubmitted, int Both, int Consenting, int Analyzed);

    /// <summary>
    /// One competence's self-rating over the students who rated it in both surveys (a student's rating is the mean of their
    /// self-ratings of it): the means, the mean change with its 95% t interval, and Cohen's d<sub>z</sub>.
    /// </summary>
    public sealed record CompetenceChange(string Id, string Title, int N, double? PreMean, double? PostMean, double? MeanChange,
        double? Low, double? High, double? EffectSize);

    /// <summary>
    /// Knowledge questions of one competence (<c>competence</c> null: every question, the overall row), over the students who
    /// submitted both surveys: the share of answers correct in each (an unanswered question counts as wrong) and Hake's
    /// normalized gain of those class shares (null when the pre share is 1).
    /// </summary>
    public sealed record KnowledgeShare(string? Competence, string Title, int PreItems, int PostItems, int N, double? PreCorrect,
        double? PostCorrect, double? Gain);

    /// <summary>Pearson's r between a competence's self-rating change and a rubric criterion's score, over n students, with its Fisher-z interval.</summary>
    public sealed record CriterionCorrelation(string Competence, string Criterion, int N, double? R, double? Low, double? High);

    /// <summary>
    /// One rated or multiple-choice item: its labels (scale points or options), the correct options (empty for a self-rating),
    /// and how many students chose each label in each survey (null when that survey does not ask it), out of how many answered.
    /// </summary>
    public sealed record ItemDistribution(string ItemId, string Kind, string Text, string? Competence, ImmutableArray<string> Labels,
        ImmutableArray<int> Correct, ImmutableArray<int>? Pre, ImmutableArray<int>? Post, int PreAnswered, int PostAnswered);
}
