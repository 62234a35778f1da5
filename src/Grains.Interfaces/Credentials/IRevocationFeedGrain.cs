using System.Collections.Immutable;

namespace PPipe.Grains.Interfaces.Credentials;

/// <summary>
/// The cluster's feed of revoked credentials, keyed <see cref="Key"/>: front ends subscribe to it and forget a revoked
/// token the moment it is published, so they can cache what tokens open without a revoked one outliving its revocation.
/// It is on no request path: it is called once per revocation, and by each front end every few seconds to renew its
/// subscription and catch up on anything it missed. It remembers the newest <see cref="Capacity"/> revocations.
/// </summary>
[Alias("ppipe.IRevocationFeedGrain")]
public interface IRevocationFeedGrain : IGrainWithStringKey
{
    public const string Key = "credentials";

    /// <summary>How many of the newest revocations the feed lists to a front end catching up.</summary>
    public const int Capacity = 512;

    /// <summary>
    /// Records the credentials as revoked (durably) and tells every subscribed front end, waiting a few seconds at most
    /// for each: when this returns, every front end that answered has forgotten them.
    /// </summary>
    [Alias("Publish")]
    Task PublishAsync(ImmutableArray<string> credentialKeys);

    /// <summary>
    /// Subscribes (or renews the subscription of) <paramref name="observer"/> and answers every revocation after
    /// <paramref name="after"/> in feed <paramref name="feed"/> (<see cref="Guid.Empty"/> and -1 for a front end that
    /// knows nothing yet). A subscription not renewed within a minute lapses.
    /// </summary>
    [Alias("Subscribe")]
    Task<RevocationCatchUp> SubscribeAsync(IRevocationObserver observer, Guid feed, long after);

    /// <summary>Ends <paramref name="observer"/>'s subscription.</summary>
    [Alias("Unsubscribe")]
    Task UnsubscribeAsync(IRevocationObserver observer);
}
