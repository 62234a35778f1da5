namespace PPipe.Grains.Interfaces.Surveys;

/// <summary>
/// A cohort's survey settings, keyed by the cohort id: which instrument version each survey asks and when it takes answers.
/// It calls only the cohort's notifications grain (to schedule the surveys' notices), which never calls it.
/// </summary>
[Alias("ppipe.ICohortSurveysGrain")]
public interface ICohortSurveysGrain : IGrainWithStringKey
{
    /// <summary>The cohort's surveys (<see cref="CohortSurveys.None"/> until set).</summary>
    [Alias("Get")]
    Task<CohortSurveys> GetAsync();

    /// <summary>
    /// Replaces the surveys and passes them on to the cohort's notifications. A survey whose window has opened cannot
    /// change or go (students may have answered it): then nothing changes and the result names it.
    /// </summary>
    [Alias("Set")]
    Task<SurveyScheduleResult> SetAsync(CohortSurveys surveys);
}
