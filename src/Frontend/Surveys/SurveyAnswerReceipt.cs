namespace PPipe.Frontend.Surveys;

/// <summary>A draft saved or a survey submitted: which survey, what became of it and when.</summary>
public sealed record SurveyAnswerReceipt(string Kind, StudentSurveyProgress Progress, DateTimeOffset At, int Answers);
