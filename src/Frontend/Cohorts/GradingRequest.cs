namespace PPipe.Frontend.Cohorts;

/// <summary>
/// A cohort's own grading, in <c>POST /api/v1/admin/cohorts</c> (<c>grading</c>) and as the body of
/// <c>PUT .../grading</c>: <c>{"policy": "all-proficient", "weights": {"punctuality": 0.2, "monitoring": 0}}</c>. The policy
/// is <c>weighted-mean</c> (left out too) or <c>all-proficient</c>; weights are for criteria of the scenario's rubric, by
/// their spec names, on the scale of its weights (which add up to 1); a criterion left out keeps its weight, 0 switches it off.
/// </summary>
public sealed record GradingRequest(string? Policy, IReadOnlyDictionary<string, double>? Weights);
