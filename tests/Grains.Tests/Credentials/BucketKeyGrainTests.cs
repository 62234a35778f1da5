using PPipe.Grains.Interfaces.Credentials;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Grains.Tests.Infrastructure;

namespace PPipe.Grains.Tests.Credentials;

[Collection(ClusterCollection.Name)]
public sealed class BucketKeyGrainTests(ClusterFixture fixture)
{
    private static readonly EnrollmentKey Ada = new("c-0123456789ab", "ada");
    private static readonly EnrollmentKey Bob = new("c-0123456789ab", "bob");

    [Fact]
    public async Task Resolve_UnknownKey_Null()
    {
        var key = NewKey();

        var resolved = await key.ResolveAsync();

        Assert.Null(resolved);
    }

    [Fact]
    public async Task Bind_ThenResolve_TheEnrollmentAndItsSecret()
    {
        var key = NewKey();
        var secret = BucketKeys.NewSecret();

        var bound = await key.BindAsync(Ada, secret);

        Assert.True(bound);
        Assert.Equal(new BucketKey(Ada, secret), await key.ResolveAsync());
    }

    [Fact]
    public async Task Bind_SameEnrollmentAndSecretAgain_Succeeds()
    {
        var key = NewKey();
        var secret = BucketKeys.NewSecret();
        await key.BindAsync(Ada, secret);

        var again = await key.BindAsync(Ada, secret);

        Assert.True(again);
    }

    [Fact]
    public async Task Bind_AnotherEnrollmentOrAnotherSecret_RefusedAndTheFirstKept()
    {
        var key = NewKey();
        var secret = BucketKeys.NewSecret();
        await key.BindAsync(Ada, secret);

        var otherEnrollment = await key.BindAsync(Bob, secret);
        var otherSecret = await key.BindAsync(Ada, BucketKeys.NewSecret());

        Assert.False(otherEnrollment);
        Assert.False(otherSecret);
        Assert.Equal(new BucketKey(Ada, secret), await key.ResolveAsync());
    }

    [Fact]
    public async Task Binding_AfterDeactivation_ReadBackFromStorage()
    {
        var key = NewKey();
        var secret = BucketKeys.NewSecret();
        await key.BindAsync(Ada, secret);

        await fixture.Cluster.DeactivateAsync(key);

        Assert.Equal(new BucketKey(Ada, secret), await key.ResolveAsync());
    }

    [Fact]
    public async Task Revoke_BoundKey_OpensNothingAfterwardsNorAfterDeactivationAndCannotBeBoundAgain()
    {
        var key = NewKey();
        var secret = BucketKeys.NewSecret();
        await key.BindAsync(Ada, secret);

        await key.RevokeAsync();
        var resolved = await key.ResolveAsync();
        var rebound = await key.BindAsync(Ada, secret);
        await fixture.Cluster.DeactivateAsync(key);

        Assert.Null(resolved);
        Assert.False(rebound);
        Assert.Null(await key.ResolveAsync());
    }

    private IBucketKeyGrain NewKey() => fixture.Client.GetGrain<IBucketKeyGrain>(BucketKeys.GrainKeyOf(BucketKeys.NewAccessKeyId()));
}
