namespace PPipe.Frontend.Surveys;

/// <summary>Whether a survey takes answers now.</summary>
public enum StudentSurveyStatus
{
    /// <summary>Not open yet.</summary>
    Upcoming,

    /// <summary>Taking answers.</summary>
    Open,

    /// <summary>Its window has passed.</summary>
    Closed,
}
