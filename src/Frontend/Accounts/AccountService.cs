using System.Collections.Immutable;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using PPipe.Grains.Interfaces.Accounts;
using PPipe.Grains.Interfaces.Credentials;
using PPipe.Grains.Interfaces.Enrollments;

namespace PPipe.Frontend.Accounts;

/// <summary>
/// Accounts of the UI: passwords hashed with ASP.NET Core Identity's hasher (PBKDF2, salted, iterated), checks
/// that cost the same whether or not the account exists, and the student sign-in by token.
/// </summary>
public sealed class AccountService(IGrainFactory grains, TimeProvider time)
{
    public const int MinPasswordLength = 12;
    private static readonly PasswordHasher<Account> Hasher = new();

    // Verified when the user name is unknown, so the answer takes as long as for a wrong password.
    private static readonly string DecoyHash = Hasher.HashPassword(null!, "decoy-password-never-matches");

    /// <summary>The account when the password is right, else null.</summary>
    public async Task<Account?> VerifyAsync(string userName, string password)
    {
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password) || userName.Length > MaxUserName)
        {
            return null;
        }

        var account = await grains.GetGrain<IAccountGrain>(IAccountGrain.Normalize(userName)).GetAsync();
        var result = Hasher.VerifyHashedPassword(account!, account?.PasswordHash ?? DecoyHash, password);
        if (account is null || result == PasswordVerificationResult.Failed)
        {
            return null;
        }

        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            await grains.GetGrain<IAccountGrain>(IAccountGrain.Normalize(userName)).UpdateAsync(Hasher.HashPassword(account, password), account.Roles);
        }

        return account;
    }

    /// <summary>Creates an account; returns what is wrong with the input, or null when it was created.</summary>
    public async Task<string?> CreateAsync(string userName, string displayName, string password, IReadOnlyCollection<string> roles)
    {
        if (ProblemWith(userName, password, roles) is { } problem)
        {
            return problem;
        }

        var account = new Account(userName.Trim(), string.IsNullOrWhiteSpace(displayName) ? userName.Trim() : displayName.Trim(), "",
            [.. roles.Distinct(StringComparer.Ordinal)], time.GetUtcNow());
        account = account with { PasswordHash = Hasher.HashPassword(account, password) };
        try
        {
            return await grains.GetGrain<IAccountGrain>(IAccountGrain.Normalize(userName)).CreateAsync(account)
                ? null
                : $"There is already an account '{userName.Trim()}'.";
        }
        catch (InvalidOperationException e)
        {
            return e.Message;
        }
    }

    /// <summary>Creates the configured admin, or brings its password and role in line with the configuration.</summary>
    public async Task EnsureAdminAsync(string userName, string password)
    {
        var grain = grains.GetGrain<IAccountGrain>(IAccountGrain.Normalize(userName));
        if (await grain.GetAsync() is not { } existing)
        {
            if (await CreateAsync(userName, userName, password, [AccountRoles.Admin, AccountRoles.Instructor]) is { } problem
                && await grain.GetAsync() is null)
            {
                throw new InvalidOperationException($"The configured admin account cannot be created: {problem}");
            }

            return;
        }

        var roles = existing.Roles.Union([AccountRoles.Admin, AccountRoles.Instructor]).ToImmutableArray();
        if (Hasher.VerifyHashedPassword(existing, existing.PasswordHash, password) != PasswordVerificationResult.Success || roles.Length != existing.Roles.Length)
        {
            await grain.UpdateAsync(Hasher.HashPassword(existing, password), roles);
        }
    }

    public Task<ImmutableArray<AccountListing>> ListAsync() =>
        grains.GetGrain<IAccountDirectoryGrain>(IAccountDirectoryGrain.Key).ListAsync();

    /// <summary>The student principal for a token, or null when the token is malformed, unknown or revoked.</summary>
    public async Task<ClaimsPrincipal?> StudentAsync(string token)
    {
        token = token.Trim();
        if (!StudentToken.LooksValid(token))
        {
            return null;
        }

        var key = StudentToken.KeyOf(token);
        return await grains.GetGrain<ICredentialGrain>(key).ResolveAsync() is { } enrollment ? UiAuth.Student(enrollment, key) : null;
    }

    /// <summary>Whether the token a student signed in with still opens the same enrollment.</summary>
    public async Task<bool> StillValidAsync(string credentialKey, EnrollmentKey enrollment) =>
        await grains.GetGrain<ICredentialGrain>(credentialKey).ResolveAsync() == enrollment;

    private const int MaxUserName = 64;

    private static string? ProblemWith(string userName, string password, IReadOnlyCollection<string> roles)
    {
        var name = userName?.Trim() ?? "";
        if (name.Length is 0 or > MaxUserName || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '@'))
        {
            return $"Give a user name of 1 to {MaxUserName} letters, digits, '.', '-', '_' or '@'.";
        }

        if (password is null || password.Length < MinPasswordLength)
        {
            return $"Give a password of at least {MinPasswordLength} characters.";
        }

        if (roles.Count == 0 || roles.Any(r => !AccountRoles.Assignable.Contains(r)))
        {
            return $"Give the account one or more of the roles {string.Join(", ", AccountRoles.Assignable)}.";
        }

        return null;
    }
}
