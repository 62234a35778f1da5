namespace PPipe.Frontend.Rollouts;

/// <summary>The student's deploys, newest first (at most 32), and how many older ones were folded into the grade's counts.</summary>
public sealed record DeploymentsResponse(IReadOnlyList<DeploymentView> Deployments, int Folded);
