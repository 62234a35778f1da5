using PPipe.Grains.Interfaces.Surveys;

namespace PPipe.Grains.Surveys;

/// <summary>A cohort's two surveys, each null until attached.</summary>
[GenerateSerializer, Alias("ppipe.CohortSurveysState")]
internal sealed class CohortSurveysState
{
    [Id(0)] public SurveySchedule? Pre { get; set; }

    [Id(1)] public SurveySchedule? Post { get; set; }

    [Id(2)] public SurveySchedule? Feedback { get; set; }
}
