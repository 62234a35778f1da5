using System.Collections.Immutable;
using PPipe.Grains.Client.Credentials;
using PPipe.Grains.Interfaces.Credentials;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Grains.Tests.Infrastructure;
using PPipe.TestSupport;

namespace PPipe.Grains.Tests.Credentials;

/// <summary>
/// Revoked tokens reach every front end: at once by the feed's push, and when a push is lost, at the front end's next
/// renewal of its subscription; a front end that hears nothing trusts its cache only as long as it would without a feed.
/// Each front end here is a <see cref="RevocationListener"/> on the test cluster's client, as the real ones run.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class RevocationFeedTests(ClusterFixture fixture)
{
    private static readonly EnrollmentKey Ada = new("c-0123456789ab", "ada");

    private IRevocationFeedGrain Feed => fixture.Client.GetGrain<IRevocationFeedGrain>(IRevocationFeedGrain.Key);

    [Fact]
    public async Task Revoke_TwoSubscribedFrontEnds_BothForgetTheTokenBeforeTheRevocationReturns()
    {
        await using var frontA = new FrontEndRevocations(fixture.Client, fixture.Clock);
        await using var frontB = new FrontEndRevocations(fixture.Client, fixture.Clock);
        await frontA.SyncAsync();
        await frontB.SyncAsync();
        var credential = await BoundCredentialAsync();
        var versionBefore = frontB.Listener.Version;

        await credential.RevokeAsync();

        Assert.True(frontA.Forgot(credential.GetPrimaryKeyString()));
        Assert.True(frontB.Forgot(credential.GetPrimaryKeyString()));
        Assert.True(frontB.Listener.Version > versionBefore);
        Assert.Null(await credential.ResolveAsync());
    }

    [Fact]
    public async Task Revoke_PushLost_TheFrontEndCatchesUpWhenItRenewsItsSubscription()
    {
        await using var front = new FrontEndRevocations(fixture.Client, fixture.Clock);
        await front.SyncAsync();
        var epoch = front.Listener.Epoch;
        await front.LoseSubscriptionAsync();
        var credential = await BoundCredentialAsync();

        await credential.RevokeAsync();
        var heardAtOnce = front.Forgot(credential.GetPrimaryKeyString());
        await front.SyncAsync();

        Assert.False(heardAtOnce);
        Assert.True(front.Forgot(credential.GetPrimaryKeyString()));
        Assert.Equal(epoch, front.Listener.Epoch);
    }

    [Fact]
    public async Task Feed_LostWithItsSilo_RunningFrontEndsCatchUpWithinOneRenewalPeriod()
    {
        await using var frontA = new FrontEndRevocations(fixture.Client, fixture.Clock);
        await using var frontB = new FrontEndRevocations(fixture.Client, fixture.Clock);
        await frontA.StartAsync();
        await frontB.StartAsync();
        await Eventually.HoldsAsync(() => frontA.Listener.SyncedAt == fixture.Clock.UtcNow && frontB.Listener.SyncedAt == fixture.Clock.UtcNow,
            "both front ends subscribed", cancellationToken: TestContext.Current.CancellationToken);
        var epochs = (frontA.Listener.Epoch, frontB.Listener.Epoch);

        // The feed's activation goes (as with its silo): its subscriptions with it, its revocations stay in storage.
        await fixture.Cluster.DeactivateAsync(Feed);
        var credential = await BoundCredentialAsync();
        await credential.RevokeAsync();
        var heardAtOnce = frontA.Forgot(credential.GetPrimaryKeyString()) || frontB.Forgot(credential.GetPrimaryKeyString());
        await fixture.AdvanceAsync(RevocationListener.ResubscribeEvery);

        Assert.False(heardAtOnce);
        await Eventually.HoldsAsync(() => frontA.Forgot(credential.GetPrimaryKeyString()) && frontB.Forgot(credential.GetPrimaryKeyString()),
            "both front ends to catch up at their renewal", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(epochs, (frontA.Listener.Epoch, frontB.Listener.Epoch));
    }

    [Fact]
    public async Task Renewal_MoreMissedThanTheFeedRemembers_EveryCachedResolutionIsCheckedAgain()
    {
        await using var front = new FrontEndRevocations(fixture.Client, fixture.Clock);
        await front.SyncAsync();
        var epoch = front.Listener.Epoch;
        var checkedAt = fixture.Clock.UtcNow;
        await front.LoseSubscriptionAsync();

        await Feed.PublishAsync([.. Enumerable.Range(0, IRevocationFeedGrain.Capacity + 1).Select(_ => StudentToken.KeyOf(StudentToken.New()))]);
        await front.SyncAsync();

        Assert.Equal(epoch + 1, front.Listener.Epoch);
        Assert.False(front.Listener.Trusts(checkedAt, epoch, fixture.Clock.UtcNow));
    }

    [Fact]
    public async Task Trusts_FeedSilentForLongerThanTrustWithoutFeed_OnlyResolutionsCheckedSinceAreTrusted()
    {
        await using var front = new FrontEndRevocations(fixture.Client, fixture.Clock);
        await front.SyncAsync();
        var epoch = front.Listener.Epoch;
        var checkedLongAgo = fixture.Clock.UtcNow - TimeSpan.FromMinutes(5);
        var trustedWhileInTouch = front.Listener.Trusts(checkedLongAgo, epoch, fixture.Clock.UtcNow);

        await fixture.AdvanceAsync(RevocationListener.TrustWithoutFeed);
        var now = fixture.Clock.UtcNow;

        Assert.True(trustedWhileInTouch);
        Assert.False(front.Listener.Trusts(checkedLongAgo, epoch, now));
        Assert.False(front.Listener.Trusts(now - RevocationListener.TrustWithoutFeed, epoch, now));
        Assert.True(front.Listener.Trusts(now - RevocationListener.TrustWithoutFeed + TimeSpan.FromSeconds(1), epoch, now));
    }

    [Fact]
    public async Task Subscribe_KnownPlaceInTheFeed_ListsExactlyTheRevocationsAfterIt()
    {
        await using var front = new FrontEndRevocations(fixture.Client, fixture.Clock);
        var first = await Feed.SubscribeAsync(front.Self, Guid.Empty, -1);
        ImmutableArray<string> keys = [StudentToken.KeyOf(StudentToken.New()), StudentToken.KeyOf(StudentToken.New())];

        await Feed.PublishAsync(keys);
        var caughtUp = await Feed.SubscribeAsync(front.Self, first.Feed, first.Sequence);
        var unknownFeed = await Feed.SubscribeAsync(front.Self, Guid.NewGuid(), first.Sequence);

        Assert.False(first.Complete);
        Assert.True(caughtUp.Complete);
        Assert.Equal(first.Sequence + 2, caughtUp.Sequence);
        Assert.Equal([new Revocation(first.Sequence + 1, keys[0]), new Revocation(first.Sequence + 2, keys[1])], caughtUp.Revocations);
        Assert.False(unknownFeed.Complete);
        Assert.Empty(unknownFeed.Revocations);
    }

    [Fact]
    public async Task Revoke_CalledAgain_PublishedAgainSoARetryReachesTheFrontEnds()
    {
        var credential = await BoundCredentialAsync();
        await credential.RevokeAsync();
        await using var front = new FrontEndRevocations(fixture.Client, fixture.Clock);
        await front.SyncAsync();

        await credential.RevokeAsync();

        Assert.True(front.Forgot(credential.GetPrimaryKeyString()));
    }

    private async Task<ICredentialGrain> BoundCredentialAsync()
    {
        var credential = fixture.Client.GetGrain<ICredentialGrain>(StudentToken.KeyOf(StudentToken.New()));
        Assert.True(await credential.BindAsync(Ada));
        return credential;
    }
}
