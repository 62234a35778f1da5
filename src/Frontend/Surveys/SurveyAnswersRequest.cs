using System.Text.Json;

namespace PPipe.Frontend.Surveys;

/// <summary>
/// The body of a draft or a submission: <c>{"answers": {"serving-rating": 4, "serving-latency": 1, "quality-checks": [0, 1],
/// "reflection-hardest": "..."}}</c>. A null answer is no answer. A submission without <c>answers</c> submits the saved draft.
/// </summary>
public sealed record SurveyAnswersRequest(IReadOnlyDictionary<string, JsonElement>? Answers);
