namespace PPipe.Frontend.Surveys;

/// <summary>The answer of <c>GET /api/v1/surveys</c>: the student's surveys (pre first) and their research consent.</summary>
public sealed record StudentSurveyList(IReadOnlyList<StudentSurveySummary> Surveys, ConsentView Consent);
