using PPipe.Grains.Interfaces.Accounts;

namespace PPipe.Grains.Accounts;

[GenerateSerializer, Alias("ppipe.AccountState")]
internal sealed class AccountState
{
    [Id(0)] public Account? Account { get; set; }
}

/// <summary>Accounts by normalized user name; at most <see cref="IAccountDirectoryGrain.MaxAccounts"/>.</summary>
[GenerateSerializer, Alias("ppipe.AccountDirectoryState")]
internal sealed class AccountDirectoryState
{
    [Id(0)] public Dictionary<string, AccountListing> Accounts { get; set; } = new(StringComparer.Ordinal);
}
