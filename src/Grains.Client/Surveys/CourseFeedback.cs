using System.Collections.Immutable;

namespace PPipe.Grains.Client.Surveys;

/// <summary>
/// A cohort's course feedback for its instructors, from the survey shards: how many enrolled students submitted it, each
/// rated or multiple-choice item's counts per label, and one page of the free-text answers, newest first, without names.
/// </summary>
public sealed record CourseFeedback(
    string CohortId,
    SurveyAnalytics.InstrumentRef Instrument,
    int Enrolled,
    int Submitted,
    ImmutableArray<CourseFeedback.ItemCounts> Items,
    ImmutableArray<CourseFeedback.Comment> Comments,
    int Page,
    int PageSize,
    int TotalComments)
{
    /// <summary>One rated or multiple-choice item: its labels, how many chose each, and how many answered it.</summary>
    public sealed record ItemCounts(string ItemId, string Kind, string Text, ImmutableArray<string> Labels, ImmutableArray<int> Counts, int Answered);

    /// <summary>One free-text answer and when its feedback was submitted.</summary>
    public sealed record Comment(string ItemId, string Text, DateTimeOffset SubmittedAt);
}
