using System.Collections.Immutable;

namespace PPipe.Grains.Interfaces.Accounts;

/// <summary>
/// A person who signs in to the instructors' UI. <see cref="PasswordHash"/> is a salted, iterated hash
/// (never the password); <see cref="Roles"/> holds <see cref="AccountRoles"/> values.
/// </summary>
[GenerateSerializer, Immutable, Alias("ppipe.Account")]
public sealed record Account(string UserName, string DisplayName, string PasswordHash, ImmutableArray<string> Roles, DateTimeOffset CreatedAt);

/// <summary>The roles of the UI: admins also manage accounts; instructors run scenarios and cohorts.</summary>
public static class AccountRoles
{
    public const string Admin = "Admin";
    public const string Instructor = "Instructor";

    /// <summary>Role of a student signed in with their token (never stored on an account).</summary>
    public const string Student = "Student";

    public static readonly ImmutableArray<string> Assignable = [Admin, Instructor];
}
