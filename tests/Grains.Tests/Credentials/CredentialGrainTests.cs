using PPipe.Grains.Interfaces.Credentials;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Grains.Tests.Infrastructure;

namespace PPipe.Grains.Tests.Credentials;

[Collection(ClusterCollection.Name)]
public sealed class CredentialGrainTests(ClusterFixture fixture)
{
    private static readonly EnrollmentKey Ada = new("c-0123456789ab", "ada");
    private static readonly EnrollmentKey Bob = new("c-0123456789ab", "bob");

    [Fact]
    public async Task Resolve_UnknownToken_Null()
    {
        var credential = NewCredential();

        var resolved = await credential.ResolveAsync();

        Assert.Null(resolved);
    }

    [Fact]
    public async Task Bind_ThenResolve_OpensTheEnrollment()
    {
        var credential = NewCredential();

        var bound = await credential.BindAsync(Ada);

        Assert.True(bound);
        Assert.Equal(Ada, await credential.ResolveAsync());
    }

    [Fact]
    public async Task Bind_SameEnrollmentTwice_BothSucceed()
    {
        var credential = NewCredential();

        var first = await credential.BindAsync(Ada);
        var again = await credential.BindAsync(Ada);

        Assert.True(first);
        Assert.True(again);
        Assert.Equal(Ada, await credential.ResolveAsync());
    }

    [Fact]
    public async Task Bind_AnotherEnrollment_RefusedAndTheFirstKept()
    {
        var credential = NewCredential();
        await credential.BindAsync(Ada);

        var other = await credential.BindAsync(Bob);

        Assert.False(other);
        Assert.Equal(Ada, await credential.ResolveAsync());
    }

    [Fact]
    public async Task Revoke_BoundToken_NeverOpensAgainNorCanBeBoundAgain()
    {
        var credential = NewCredential();
        await credential.BindAsync(Ada);

        await credential.RevokeAsync();
        var rebound = await credential.BindAsync(Ada);

        Assert.False(rebound);
        Assert.Null(await credential.ResolveAsync());
    }

    [Fact]
    public async Task Revoke_UnboundToken_NothingRevokedAndTheTokenStillBindable()
    {
        var credential = NewCredential();

        await credential.RevokeAsync();
        var bound = await credential.BindAsync(Ada);

        Assert.True(bound);
        Assert.Equal(Ada, await credential.ResolveAsync());
    }

    [Fact]
    public async Task BindingAndRevocation_AfterDeactivation_ReadBackFromStorage()
    {
        var bound = NewCredential();
        var revoked = NewCredential();
        await bound.BindAsync(Ada);
        await revoked.BindAsync(Bob);
        await revoked.RevokeAsync();

        await fixture.Cluster.DeactivateAsync(bound);
        await fixture.Cluster.DeactivateAsync(revoked);

        Assert.Equal(Ada, await bound.ResolveAsync());
        Assert.Null(await revoked.ResolveAsync());
    }

    private ICredentialGrain NewCredential() => fixture.Client.GetGrain<ICredentialGrain>(StudentToken.KeyOf(StudentToken.New()));
}
