using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Orleans.Utilities;
using PPipe.Grains.Interfaces.Credentials;

namespace PPipe.Grains.Credentials;

/// <summary>
/// The cluster's revocation feed (see <see cref="IRevocationFeedGrain"/>). A revocation is written before anyone is
/// told of it, so a front end that misses the push finds it when it next renews its subscription. Subscriptions live in
/// memory: an activation lost with its silo starts with none, and the front ends' renewals (every
/// <c>RevocationListener.ResubscribeEvery</c>) bring them back with whatever they missed.
/// </summary>
internal sealed partial class RevocationFeedGrain(
    [PersistentState("revocation-feed", StorageNames.Default)] IPersistentState<RevocationFeedState> state,
    TimeProvider time,
    ILogger<RevocationFeedGrain> logger) : Grain, IRevocationFeedGrain
{
    /// <summary>How long a subscription lasts without being renewed.</summary>
    public static readonly TimeSpan SubscriptionLapsesAfter = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The longest a publication waits for one front end: a front end that does not answer in time catches up at its
    /// next renewal, and the instructor is not kept waiting.
    /// </summary>
    public static readonly TimeSpan PushTimeout = TimeSpan.FromSeconds(3);

    private ObserverManager<IRevocationObserver> _subscribers = null!;

    private RevocationFeedState Feed => state.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _subscribers = new ObserverManager<IRevocationObserver>(SubscriptionLapsesAfter, logger)
        {
            GetDateTime = () => time.GetUtcNow().UtcDateTime,
        };
        if (Feed.Id == Guid.Empty)
        {
            // Written once in the cluster's life: front ends compare it to tell this feed from one whose state was lost.
            Feed.Id = Guid.NewGuid();
            await this.WriteOrDeactivateAsync(state);
        }
    }

    public async Task PublishAsync(ImmutableArray<string> credentialKeys)
    {
        if (credentialKeys.IsDefaultOrEmpty)
        {
            return;
        }

        var published = ImmutableArray.CreateBuilder<Revocation>(credentialKeys.Length);
        foreach (var key in credentialKeys)
        {
            published.Add(new Revocation(++Feed.Sequence, key));
        }

        Feed.Recent.AddRange(published);
        if (Feed.Recent.Count > IRevocationFeedGrain.Capacity)
        {
            Feed.Recent.RemoveRange(0, Feed.Recent.Count - IRevocationFeedGrain.Capacity);
        }

        await this.WriteOrDeactivateAsync(state);
        await PushAsync(published.MoveToImmutable());
    }

    public Task<RevocationCatchUp> SubscribeAsync(IRevocationObserver observer, Guid feed, long after)
    {
        _subscribers.Subscribe(observer, observer);
        _subscribers.ClearExpired();
        var oldest = Feed.Sequence - Feed.Recent.Count;
        if (feed != Feed.Id || after < oldest || after > Feed.Sequence)
        {
            return Task.FromResult(new RevocationCatchUp(Feed.Id, Feed.Sequence, false, []));
        }

        return Task.FromResult(new RevocationCatchUp(Feed.Id, Feed.Sequence, true, [.. Feed.Recent.Skip((int)(after - oldest))]));
    }

    public Task UnsubscribeAsync(IRevocationObserver observer)
    {
        _subscribers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    /// <summary>Tells every subscriber at once and waits for them, each for <see cref="PushTimeout"/> at most; one that fails is dropped.</summary>
    private async Task PushAsync(ImmutableArray<Revocation> revocations)
    {
        _subscribers.ClearExpired();
        var subscribers = _subscribers.Observers.Values.ToList();
        var pushes = subscribers.Select(async subscriber =>
        {
            try
            {
                await subscriber.RevokedAsync(Feed.Id, revocations).WaitAsync(PushTimeout);
                return true;
            }
            catch (Exception e)
            {
                LogPushFailed(e.GetType().Name);
                return false;
            }
        }).ToList();
        var answered = await Task.WhenAll(pushes);
        for (var i = 0; i < subscribers.Count; i++)
        {
            if (!answered[i])
            {
                _subscribers.Unsubscribe(subscribers[i]);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A front end did not take a revocation push ({Error}); it catches up when it renews its subscription")]
    private partial void LogPushFailed(string error);
}
