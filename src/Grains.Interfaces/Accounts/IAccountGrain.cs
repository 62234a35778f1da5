using System.Collections.Immutable;

namespace PPipe.Grains.Interfaces.Accounts;

/// <summary>One UI account, keyed by its normalized user name (<see cref="Normalize"/>).</summary>
[Alias("ppipe.IAccountGrain")]
public interface IAccountGrain : IGrainWithStringKey
{
    /// <summary>Creates the account; false when one with this user name exists.</summary>
    [Alias("Create")]
    Task<bool> CreateAsync(Account account);

    /// <summary>The account, or null.</summary>
    [Alias("Get")]
    Task<Account?> GetAsync();

    /// <summary>Replaces the password hash and roles of an existing account; false when there is none.</summary>
    [Alias("Update")]
    Task<bool> UpdateAsync(string passwordHash, ImmutableArray<string> roles);

    /// <summary>The grain key of a user name: trimmed and lower-cased.</summary>
    public static string Normalize(string userName) => userName.Trim().ToLowerInvariant();
}

/// <summary>The list of UI accounts (user names and roles), keyed <see cref="Key"/>; small by nature.</summary>
[Alias("ppipe.IAccountDirectoryGrain")]
public interface IAccountDirectoryGrain : IGrainWithStringKey
{
    public const string Key = "accounts";
    public const int MaxAccounts = 2_000;

    /// <summary>Records (or updates) an account's listing.</summary>
    [Alias("Put")]
    Task PutAsync(AccountListing account);

    /// <summary>Every account, by user name.</summary>
    [Alias("List")]
    Task<ImmutableArray<AccountListing>> ListAsync();
}

/// <summary>An account as the directory lists it: no hash.</summary>
[GenerateSerializer, Immutable, Alias("ppipe.AccountListing")]
public sealed record AccountListing(string UserName, string DisplayName, ImmutableArray<string> Roles, DateTimeOffset CreatedAt);
