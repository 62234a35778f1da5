namespace PPipe.Frontend.Accounts;

/// <summary>
/// The first admin of the UI (section <c>Accounts:Admin</c>). It is created at start when missing, and its
/// password follows the configuration. Without a password, embedded mode generates one and prints it;
/// cluster mode creates no admin.
/// </summary>
public sealed class AccountOptions
{
    public const string Section = "Accounts:Admin";

    public string UserName { get; set; } = "admin";

    public string? Password { get; set; }
}
