using System.Collections.Immutable;

namespace PPipe.Grains.Interfaces.Credentials;

/// <summary>
/// What a front end learns when it subscribes to the revocation feed: the feed's identity and its newest
/// <see cref="Sequence"/>, and every revocation after the one the front end said it had seen. When the feed cannot list
/// them all (the front end was away for longer than the feed remembers, or the feed is not the one it knew),
/// <see cref="Complete"/> is false and the front end must check again every token it has cached.
/// </summary>
[GenerateSerializer, Immutable, Alias("ppipe.RevocationCatchUp")]
public sealed record RevocationCatchUp(Guid Feed, long Sequence, bool Complete, ImmutableArray<Revocation> Revocations);
