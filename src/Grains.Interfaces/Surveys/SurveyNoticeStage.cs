namespace PPipe.Grains.Interfaces.Surveys;

/// <summary>Which notice of a survey: the one when its window opens, or the reminder before it closes.</summary>
[GenerateSerializer, Alias("ppipe.SurveyNoticeStage")]
public enum SurveyNoticeStage
{
    /// <summary>The window opened: every enrolled student is told.</summary>
    Opened,

    /// <summary>The window closes soon: students who have not submitted are reminded.</summary>
    Closing,
}
