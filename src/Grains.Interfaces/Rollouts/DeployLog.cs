using System.Collections.Immutable;

namespace PPipe.Grains.Interfaces.Rollouts;

/// <summary>The deploys kept (at most the newest 32, oldest first) and how many older ones were folded into counts.</summary>
[GenerateSerializer, Immutable, Alias("ppipe.DeployLog")]
public sealed record DeployLog(ImmutableArray<DeployEntry> Deploys, int Folded)
{
    public static readonly DeployLog Empty = new([], 0);
}
