using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using PPipe.Grains.Client.Credentials;
using PPipe.Grains.Interfaces.Credentials;
using PPipe.TestSupport;

namespace PPipe.Grains.Tests.Credentials;

/// <summary>
/// What one front end runs to hear of revoked tokens (a <see cref="RevocationListener"/> on the test cluster's client and
/// clock), and the credentials it was told to forget.
/// </summary>
internal sealed class FrontEndRevocations : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, int> _forgotten = new(StringComparer.Ordinal);
    private bool _running;

    public FrontEndRevocations(IClusterClient client, ClusterClock clock)
    {
        Client = client;
        Listener = new RevocationListener(client, clock.Time, NullLogger<RevocationListener>.Instance);
        Listener.Revoked += key => _forgotten.AddOrUpdate(key, 1, (_, n) => n + 1);
        Self = client.CreateObjectReference<IRevocationObserver>(Listener);
    }

    public IClusterClient Client { get; }

    public RevocationListener Listener { get; }

    /// <summary>The observer reference the feed holds for this front end (when it renews by <see cref="SyncAsync"/>).</summary>
    public IRevocationObserver Self { get; }

    public bool Forgot(string credentialKey) => _forgotten.ContainsKey(credentialKey);

    /// <summary>One renewal of the subscription, as the listener's loop makes every period.</summary>
    public Task SyncAsync() => Listener.SyncAsync(Self);

    /// <summary>Starts the listener's own loop (its first renewal comes at once, the next after each period of the clock).</summary>
    public async Task StartAsync()
    {
        _running = true;
        await Listener.StartAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Drops this front end's subscription (made by <see cref="SyncAsync"/>) on the feed, as a lost push would.</summary>
    public Task LoseSubscriptionAsync() => Feed.UnsubscribeAsync(Self);

    public async ValueTask DisposeAsync()
    {
        if (_running)
        {
            await Listener.StopAsync(CancellationToken.None);
        }

        await Feed.UnsubscribeAsync(Self);
        Client.DeleteObjectReference<IRevocationObserver>(Self);
        Listener.Dispose();
    }

    private IRevocationFeedGrain Feed => Client.GetGrain<IRevocationFeedGrain>(IRevocationFeedGrain.Key);
}
