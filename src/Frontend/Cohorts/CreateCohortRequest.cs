namespace PPipe.Frontend.Cohorts;

/// <summary>
/// The body of <c>POST /api/v1/admin/cohorts</c>: <c>{name, scenarioId, version, startsAt, speed}</c> and optionally the
/// cohort's own late policy and grading. Missing fields are reported together by <see cref="CohortRequestValidator"/> (422).
/// </summary>
public sealed record CreateCohortRequest(string? Name, string? ScenarioId, int? Version, DateTimeOffset? StartsAt, double? Speed, LateRequest? Late = null,
    GradingRequest? Grading = null);
