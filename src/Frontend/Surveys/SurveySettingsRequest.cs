namespace PPipe.Frontend.Surveys;

/// <summary>
/// The body of <c>PUT /api/v1/admin/cohorts/{id}/surveys</c>: <c>{"pre": {instrumentId, version, opensAt, closesAt}, "post": ...,
/// "feedback": ...}</c>;
/// a survey left out or null is not (or no longer) attached.
/// </summary>
public sealed record SurveySettingsRequest(SurveyWindowRequest? Pre, SurveyWindowRequest? Post, SurveyWindowRequest? Feedback = null);
