using System.Collections.Immutable;
using PPipe.Grains.Interfaces.Accounts;

namespace PPipe.Grains.Accounts;

internal sealed class AccountGrain(
    [PersistentState("account", StorageNames.Default)] IPersistentState<AccountState> state) : Grain, IAccountGrain
{
    public async Task<bool> CreateAsync(Account account)
    {
        if (state.State.Account is not null)
        {
            return false;
        }

        if (IAccountGrain.Normalize(account.UserName) != this.GetPrimaryKeyString())
        {
            throw new ArgumentException($"Account '{account.UserName}' does not belong to grain '{this.GetPrimaryKeyString()}'.", nameof(account));
        }

        // Listed first: a full directory refuses before anything is stored.
        await Directory.PutAsync(Listing(account));
        state.State.Account = account;
        await this.WriteOrDeactivateAsync(state);
        return true;
    }

    public Task<Account?> GetAsync() => Task.FromResult(state.State.Account);

    public async Task<bool> UpdateAsync(string passwordHash, ImmutableArray<string> roles)
    {
        if (state.State.Account is not { } account)
        {
            return false;
        }

        var updated = account with { PasswordHash = passwordHash, Roles = roles };
        state.State.Account = updated;
        await this.WriteOrDeactivateAsync(state);
        await Directory.PutAsync(Listing(updated));
        return true;
    }

    private IAccountDirectoryGrain Directory => GrainFactory.GetGrain<IAccountDirectoryGrain>(IAccountDirectoryGrain.Key);

    private static AccountListing Listing(Account account) => new(account.UserName, account.DisplayName, account.Roles, account.CreatedAt);
}

internal sealed class AccountDirectoryGrain(
    [PersistentState("accounts", StorageNames.Default)] IPersistentState<AccountDirectoryState> state) : Grain, IAccountDirectoryGrain
{
    public async Task PutAsync(AccountListing account)
    {
        var key = IAccountGrain.Normalize(account.UserName);
        if (!state.State.Accounts.ContainsKey(key) && state.State.Accounts.Count >= IAccountDirectoryGrain.MaxAccounts)
        {
            throw new InvalidOperationException($"There are already {IAccountDirectoryGrain.MaxAccounts} accounts; no more can be created.");
        }

        state.State.Accounts[key] = account;
        await this.WriteOrDeactivateAsync(state);
    }

    public Task<ImmutableArray<AccountListing>> ListAsync() =>
        Task.FromResult(state.State.Accounts.Values.OrderBy(a => a.UserName, StringComparer.Ordinal).ToImmutableArray());
}
