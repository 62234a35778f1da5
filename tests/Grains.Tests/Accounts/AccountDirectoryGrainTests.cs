using PPipe.Grains.Accounts;
using PPipe.Grains.Interfaces.Accounts;
using PPipe.Grains.Tests.Infrastructure;

namespace PPipe.Grains.Tests.Accounts;

/// <summary>The account directory, each test on a directory of its own (the grain works under any key).</summary>
[Collection(ClusterCollection.Name)]
public sealed class AccountDirectoryGrainTests(ClusterFixture fixture)
{
    private static readonly DateTimeOffset CreatedAt = new(2031, 2, 3, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Put_SameUserNameInAnotherCase_OneListingWithTheNewest()
    {
        var directory = NewDirectory();
        await directory.PutAsync(Listing("Ada", AccountRoles.Instructor));

        await directory.PutAsync(Listing("ada", AccountRoles.Admin));

        Assert.Equal(Normalized(Listing("ada", AccountRoles.Admin)), Normalized(await directory.ListAsync()));
    }

    [Fact]
    public async Task List_SeveralAccounts_ByUserName()
    {
        var directory = NewDirectory();
        foreach (var name in new[] { "grace", "ada", "linus" })
        {
            await directory.PutAsync(Listing(name, AccountRoles.Instructor));
        }

        var listed = await directory.ListAsync();

        Assert.Equal(["ada", "grace", "linus"], listed.Select(a => a.UserName));
    }

    [Fact]
    public async Task Put_BeyondMaxAccounts_NewAccountRefusedButExistingOnesStillUpdated()
    {
        var directory = NewDirectory();
        var full = new AccountDirectoryState();
        for (var i = 0; i < IAccountDirectoryGrain.MaxAccounts; i++)
        {
            full.Accounts[$"u{i:0000}"] = Listing($"u{i:0000}", AccountRoles.Instructor);
        }

        await fixture.SeedStateAsync(directory, "accounts", full);

        await Assert.ThrowsAsync<InvalidOperationException>(() => directory.PutAsync(Listing("one-too-many", AccountRoles.Instructor)));
        await directory.PutAsync(Listing("u0000", AccountRoles.Admin));
        var listed = await directory.ListAsync();

        Assert.Equal(IAccountDirectoryGrain.MaxAccounts, listed.Length);
        Assert.DoesNotContain(listed, a => a.UserName == "one-too-many");
        Assert.Equal([AccountRoles.Admin], listed[0].Roles);
    }

    [Fact]
    public async Task Listings_AfterDeactivation_StillListed()
    {
        var directory = NewDirectory();
        await directory.PutAsync(Listing("ada", AccountRoles.Instructor));

        await fixture.Cluster.DeactivateAsync(directory);

        Assert.Equal(Normalized(Listing("ada", AccountRoles.Instructor)), Normalized(await directory.ListAsync()));
    }

    private IAccountDirectoryGrain NewDirectory() => fixture.Client.GetGrain<IAccountDirectoryGrain>("accounts-" + Guid.NewGuid().ToString("N"));

    private static AccountListing Listing(string userName, string role) => new(userName, userName.ToUpperInvariant(), [role], CreatedAt);

    /// <summary>Listings as plain values (roles joined), so they compare by content.</summary>
    private static List<(string, string, string, DateTimeOffset)> Normalized(IEnumerable<AccountListing> listings) =>
        [.. listings.Select(a => (a.UserName, a.DisplayName, string.Join(",", a.Roles), a.CreatedAt))];

    private static List<(string, string, string, DateTimeOffset)> Normalized(params AccountListing[] listings) => Normalized(listings.AsEnumerable());
}
