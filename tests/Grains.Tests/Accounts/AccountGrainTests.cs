using PPipe.Grains.Interfaces.Accounts;
using PPipe.Grains.Tests.Infrastructure;

namespace PPipe.Grains.Tests.Accounts;

[Collection(ClusterCollection.Name)]
public sealed class AccountGrainTests(ClusterFixture fixture)
{
    private static readonly DateTimeOffset CreatedAt = new(2031, 2, 3, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Create_SameUserNameTwice_SecondRefusedAndFirstKept()
    {
        var userName = NewUserName();
        var account = Grain(userName);
        var first = new Account(userName, "Ada", "hash-1", [AccountRoles.Instructor], CreatedAt);

        var created = await account.CreateAsync(first);
        var again = await account.CreateAsync(first with { DisplayName = "Impostor", PasswordHash = "hash-2", Roles = [AccountRoles.Admin] });

        Assert.True(created);
        Assert.False(again);
        Assert.Equal(Shape(first), Shape(await account.GetAsync()));
    }

    [Fact]
    public async Task Create_UserNameWithCapitalsAndSpaces_StoredUnderItsNormalizedKeyAndListed()
    {
        var userName = NewUserName();
        var shown = "  " + userName.ToUpperInvariant() + " ";

        Assert.True(await Grain(userName).CreateAsync(new Account(shown, "Ada", "hash", [AccountRoles.Admin], CreatedAt)));

        Assert.Equal(shown, (await Grain(userName).GetAsync())?.UserName);
        var listing = Assert.Single(await Directory().ListAsync(), a => a.UserName == shown);
        Assert.Equal(("Ada", AccountRoles.Admin, CreatedAt), (listing.DisplayName, string.Join(",", listing.Roles), listing.CreatedAt));
    }

    [Fact]
    public async Task Create_AccountOfAnotherUser_RefusedAndNothingStored()
    {
        var account = Grain(NewUserName());

        await Assert.ThrowsAsync<ArgumentException>(() => account.CreateAsync(new Account(NewUserName(), "Eve", "hash", [], CreatedAt)));

        Assert.Null(await account.GetAsync());
    }

    [Fact]
    public async Task Update_ExistingAccount_NewHashAndRolesInTheAccountAndTheDirectory()
    {
        var userName = NewUserName();
        var account = Grain(userName);
        await account.CreateAsync(new Account(userName, "Ada", "old-hash", [AccountRoles.Instructor], CreatedAt));

        var updated = await account.UpdateAsync("new-hash", [AccountRoles.Admin, AccountRoles.Instructor]);

        Assert.True(updated);
        var stored = (await account.GetAsync())!;
        Assert.Equal("new-hash", stored.PasswordHash);
        Assert.Equal([AccountRoles.Admin, AccountRoles.Instructor], stored.Roles);
        Assert.Equal([AccountRoles.Admin, AccountRoles.Instructor], Assert.Single(await Directory().ListAsync(), a => a.UserName == userName).Roles);
    }

    [Fact]
    public async Task Update_NoSuchAccount_FalseAndNothingCreated()
    {
        var account = Grain(NewUserName());

        var updated = await account.UpdateAsync("hash", [AccountRoles.Admin]);

        Assert.False(updated);
        Assert.Null(await account.GetAsync());
    }

    [Fact]
    public async Task Account_AfterDeactivation_ReadBackFromStorage()
    {
        var userName = NewUserName();
        var account = new Account(userName, "Ada", "hash", [AccountRoles.Instructor], CreatedAt);
        await Grain(userName).CreateAsync(account);

        await fixture.Cluster.DeactivateAsync(Grain(userName));

        Assert.Equal(Shape(account), Shape(await Grain(userName).GetAsync()));
    }

    private IAccountGrain Grain(string userName) => fixture.Client.GetGrain<IAccountGrain>(IAccountGrain.Normalize(userName));

    private IAccountDirectoryGrain Directory() => fixture.Client.GetGrain<IAccountDirectoryGrain>(IAccountDirectoryGrain.Key);

    /// <summary>An account as plain values (roles joined), so accounts compare by content.</summary>
    private static (string, string, string, string, DateTimeOffset)? Shape(Account? a) =>
        a is null ? null : (a.UserName, a.DisplayName, a.PasswordHash, string.Join(",", a.Roles), a.CreatedAt);

    private static string NewUserName() => "user-" + Guid.NewGuid().ToString("N")[..12];
}
