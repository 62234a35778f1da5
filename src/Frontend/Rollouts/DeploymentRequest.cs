namespace PPipe.Frontend.Rollouts;

/// <summary>
/// The body of <c>POST /api/v1/deployments</c>: <c>{"version": "v4", "expectedWithinMinutes": 30, "note": "blue-green"}</c>.
/// <c>version</c> is required and is the name the endpoint's answers will give the new model; <c>expectedWithinMinutes</c>
/// (scenario minutes, 0 to 1,440; default: twice the probe interval) is how long the switch may take before the new version
/// answers; <c>studentId</c>, if given, must be the caller's own (the token decides whose endpoint it is). Every problem
/// is reported together (422).
/// </summary>
public sealed record DeploymentRequest(string? Version, int? ExpectedWithinMinutes, string? Note, string? StudentId);
