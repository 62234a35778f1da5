namespace PPipe.Grains.Interfaces.Rollouts;

/// <summary>The answer to an announced deploy: what became of it, the deploy followed (null when refused), and why in words.</summary>
[GenerateSerializer, Immutable, Alias("ppipe.DeployFiling")]
public sealed record DeployFiling(DeployFilingStatus Status, DeployEntry? Deploy, string Detail);
