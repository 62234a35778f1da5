namespace PPipe.Frontend.Surveys;

/// <summary>How far the student is with a survey.</summary>
public enum StudentSurveyProgress
{
    /// <summary>Nothing saved.</summary>
    NotStarted,

    /// <summary>A draft is saved.</summary>
    Draft,

    /// <summary>Submitted; final.</summary>
    Submitted,
}
