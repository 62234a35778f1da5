using PPipe.Grains.Interfaces.Credentials;

namespace PPipe.Grains.Credentials;

/// <summary>The feed's identity, its newest sequence number and its newest revocations (at most <see cref="IRevocationFeedGrain.Capacity"/>).</summary>
[GenerateSerializer, Alias("ppipe.RevocationFeedState")]
internal sealed class RevocationFeedState
{
    [Id(0)] public Guid Id { get; set; }
    [Id(1)] public long Sequence { get; set; }
    [Id(2)] public List<Revocation> Recent { get; set; } = [];
}
