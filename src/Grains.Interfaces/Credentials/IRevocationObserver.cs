using System.Collections.Immutable;

namespace PPipe.Grains.Interfaces.Credentials;

/// <summary>A front end's ear on the revocation feed: it forgets what it cached of each credential it is told of.</summary>
[Alias("ppipe.IRevocationObserver")]
public interface IRevocationObserver : IGrainObserver
{
    /// <summary>Credentials of feed <paramref name="feed"/> revoked just now, in sequence order.</summary>
    [Alias("Revoked")]
    Task RevokedAsync(Guid feed, ImmutableArray<Revocation> revocations);
}
