namespace PPipe.Grains.Interfaces.Surveys;

/// <summary>One refused answer: the field (<c>answers.serving-rating</c>) and what is wrong with it.</summary>
[GenerateSerializer, Immutable, Alias("ppipe.SurveyAnswerProblem")]
public sealed record SurveyAnswerProblem(string Field, string Message);
