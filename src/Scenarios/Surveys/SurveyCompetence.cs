namespace PPipe.Scenarios.Surveys;

/// <summary>One competence an instrument measures, by a short id (<c>serving</c>) and a title a student understands.</summary>
public sealed record SurveyCompetence(string Id, string Title);
