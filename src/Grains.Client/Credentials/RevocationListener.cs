using System.Collections.Immutable;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PPipe.Grains.Interfaces.Credentials;

namespace PPipe.Grains.Client.Credentials;

/// <summary>
/// A front end's subscription to the cluster's revocation feed, and what it knows from it: which cached token
/// resolutions can still be trusted. A revoked token is forgotten (<see cref="Revoked"/>) when the feed pushes it, before
/// the revocation is answered. The subscription is renewed every <see cref="ResubscribeEvery"/>, which also brings every
/// revocation published since the last one this front end saw: a push lost (a reconnecting client, the feed's silo lost)
/// is made up for within that period. When the feed cannot be reached, a cached resolution is trusted for
/// <see cref="TrustWithoutFeed"/> after it was checked, as if there were no feed; and when the feed cannot list what was
/// missed, every cached resolution is checked again (<see cref="Epoch"/> moves on).
/// </summary>
public sealed partial class RevocationListener(IGrainFactory grains, TimeProvider time, ILogger<RevocationListener> logger)
    : BackgroundService, IRevocationObserver
{
    /// <summary>How often the subscription is renewed and missed revocations caught up with.</summary>
    public static readonly TimeSpan ResubscribeEvery = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long a resolution checked with its credential grain is trusted without a word from the feed: the longest a
    /// revoked token can keep working on a front end that cannot reach the feed.
    /// </summary>
    public static readonly TimeSpan TrustWithoutFeed = TimeSpan.FromSeconds(60);

    /// <summary>How soon a renewal that failed is tried again.</summary>
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);

    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _nudge = new(0, 1);
    private Guid _feed;
    private long _seen = -1;
    private long _version;
    private long _epoch;
    private long _syncedAtTicks = DateTimeOffset.MinValue.UtcTicks;
    private bool? _inTouch;

    /// <summary>Called with each revoked credential's grain key as this front end learns of it (caches forget it).</summary>
    public event Action<string>? Revoked;

    /// <summary>Moves on whenever a revocation is applied: a look-up that saw it move must not cache what it read.</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>Moves on when every cached resolution must be checked again.</summary>
    public long Epoch => Interlocked.Read(ref _epoch);

    /// <summary>When the last renewal that caught up with everything was sent (<see cref="DateTimeOffset.MinValue"/>: never).</summary>
    public DateTimeOffset SyncedAt => new(Interlocked.Read(ref _syncedAtTicks), TimeSpan.Zero);

    /// <summary>
    /// Whether a resolution checked with its credential grain at <paramref name="checkedAt"/>, in epoch
    /// <paramref name="epoch"/>, may still be used at <paramref name="now"/> without asking again: it was checked recently,
    /// or this front end has heard from the feed recently (so it would have been told of its revocation).
    /// </summary>
    public bool Trusts(DateTimeOffset checkedAt, long epoch, DateTimeOffset now) =>
        epoch == Epoch && (now - checkedAt < TrustWithoutFeed || now - SyncedAt < TrustWithoutFeed);

    public Task RevokedAsync(Guid feed, ImmutableArray<Revocation> revocations)
    {
        var gap = false;
        lock (_lock)
        {
            foreach (var revocation in revocations)
            {
                if (feed == _feed && revocation.Sequence == _seen + 1)
                {
                    _seen = revocation.Sequence;
                }
                else if (feed != _feed || revocation.Sequence > _seen + 1)
                {
                    gap = true;
                }
            }
        }

        Forget(revocations);
        if (gap)
        {
            // Something came before these that this front end never heard: catch up now rather than at the next renewal.
            Nudge();
        }

        return Task.CompletedTask;
    }

    /// <summary>Renews the subscription at once (and so catches up), without waiting for the period.</summary>
    public void Nudge()
    {
        try
        {
            _nudge.Release();
        }
        catch (SemaphoreFullException)
        {
            // A renewal is already asked for.
        }
    }

    /// <summary>Renews the subscription once and applies what the feed answers.</summary>
    public async Task SyncAsync(IRevocationObserver self)
    {
        Guid feed;
        long seen;
        lock (_lock)
        {
            (feed, seen) = (_feed, _seen);
        }

        var sentAt = time.GetUtcNow();
        var catchUp = await grains.GetGrain<IRevocationFeedGrain>(IRevocationFeedGrain.Key).SubscribeAsync(self, feed, seen);
        lock (_lock)
        {
            if (!catchUp.Complete)
            {
                Interlocked.Increment(ref _epoch);
                Interlocked.Increment(ref _version);
                if (_feed != Guid.Empty)
                {
                    LogCheckingEverything(seen, catchUp.Sequence);
                }
            }

            _seen = catchUp.Feed == _feed ? Math.Max(_seen, catchUp.Sequence) : catchUp.Sequence;
            _feed = catchUp.Feed;
        }

        // In sync only once what was missed is forgotten: a cached token is trusted on the strength of this.
        Forget(catchUp.Revocations);
        Interlocked.Exchange(ref _syncedAtTicks, sentAt.UtcTicks);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        IRevocationObserver? self = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var wait = ResubscribeEvery;
                try
                {
                    // Made once the cluster can be reached (a co-hosted silo may still be starting).
                    self ??= grains.CreateObjectReference<IRevocationObserver>(this);
                    await SyncAsync(self);
                    if (_inTouch != true)
                    {
                        _inTouch = true;
                        LogSubscribed(IRevocationFeedGrain.Key);
                    }
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    // Said once per outage, not at every retry.
                    if (_inTouch != false)
                    {
                        _inTouch = false;
                        LogRenewalFailed(e.GetType().Name, e.Message);
                    }

                    wait = RetryAfter;
                }

                await WaitAsync(wait, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            if (self is not null)
            {
                await UnsubscribeAsync(self);
            }
        }
    }

    /// <summary>Waits for <paramref name="period"/> on the front end's clock, or until nudged.</summary>
    private async Task WaitAsync(TimeSpan period, CancellationToken stoppingToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        await Task.WhenAny(Task.Delay(period, time, stop.Token), _nudge.WaitAsync(stop.Token));
        await stop.CancelAsync();
        stoppingToken.ThrowIfCancellationRequested();
    }

    private async Task UnsubscribeAsync(IRevocationObserver self)
    {
        try
        {
            await grains.GetGrain<IRevocationFeedGrain>(IRevocationFeedGrain.Key).UnsubscribeAsync(self).WaitAsync(RetryAfter);
        }
        catch (Exception e)
        {
            // The subscription lapses by itself.
            LogUnsubscribeFailed(e.GetType().Name);
        }

        grains.DeleteObjectReference<IRevocationObserver>(self);
    }

    /// <summary>
    /// Tells the caches to forget each revoked credential. <see cref="Version"/> moves on first, so a look-up that starts
    /// after it (and so reads the revoked credential) may cache what it reads, and one that started before may not.
    /// Called outside the lock; a cache that fails does not keep the others from forgetting, nor fail the feed's push.
    /// </summary>
    private void Forget(ImmutableArray<Revocation> revocations)
    {
        if (revocations.IsDefaultOrEmpty)
        {
            return;
        }

        Interlocked.Increment(ref _version);
        var forget = Revoked;
        foreach (var revocation in revocations)
        {
            foreach (var handler in forget?.GetInvocationList().Cast<Action<string>>() ?? [])
            {
                try
                {
                    handler(revocation.CredentialKey);
                }
                catch (Exception e)
                {
                    LogForgetFailed(e);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not subscribe to revoked tokens ({Error}: {Message}); trying again every few seconds, and meanwhile trusting a cached token for at most a minute after it was checked")]
    private partial void LogRenewalFailed(string error, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Subscribed to the cluster's revoked tokens ('{Feed}' feed)")]
    private partial void LogSubscribed(string feed);

    [LoggerMessage(Level = LogLevel.Information, Message = "The revocation feed could not list what this front end missed (it had seen {Seen}, the feed is at {Sequence}): every cached token is checked again")]
    private partial void LogCheckingEverything(long seen, long sequence);

    [LoggerMessage(Level = LogLevel.Error, Message = "A cache failed to forget a revoked token")]
    private partial void LogForgetFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not end the subscription to revoked tokens ({Error}); it lapses by itself")]
    private partial void LogUnsubscribeFailed(string error);
}
