using PPipe.Grains.Interfaces.Surveys;

namespace PPipe.Grains.Surveys;

/// <summary>A student's drafts and submissions, at most one per survey kind, each bounded by its instrument's size.</summary>
[GenerateSerializer, Alias("ppipe.StudentSurveysState")]
internal sealed class StudentSurveysState
{
    [Id(0)] public List<StudentSurvey> Surveys { get; set; } = [];
}
