using System.Collections.Immutable;

namespace PPipe.Grains.Interfaces.Surveys;

/// <summary>
/// One student's answers to their cohort's surveys, keyed like the enrollment (<c>{cohortId}/{studentId}</c>): drafts, and
/// the record of what was submitted. A submission is pushed to the cohort's survey shard before it is acknowledged, so
/// analytics and exports read the cohort's shards, never these grains.
/// <code>
/// student surveys ─► cohort surveys: Get (a leaf); ─► instrument: GetVersion (a leaf); ─► survey shard: Submit (a leaf)
/// </code>
/// </summary>
[Alias("ppipe.IStudentSurveysGrain")]
public interface IStudentSurveysGrain : IGrainWithStringKey
{
    /// <summary>The student's drafts and submissions, one per survey they have touched.</summary>
    [Alias("Get")]
    Task<ImmutableArray<StudentSurvey>> GetAsync();

    /// <summary>Replaces the draft of an open survey, after checking every answer against its instrument.</summary>
    [Alias("SaveDraft")]
    Task<SurveyAnswerResult> SaveDraftAsync(SurveyKind kind, ImmutableArray<SurveyAnswer> answers);

    /// <summary>
    /// Submits an open survey once: <paramref name="answers"/>, or the saved draft when null. Every required item must be
    /// answered. Stored in the cohort's shard before this answers.
    /// </summary>
    [Alias("Submit")]
    Task<SurveyAnswerResult> SubmitAsync(SurveyKind kind, ImmutableArray<SurveyAnswer>? answers);
}
