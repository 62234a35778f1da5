using System.Security.Cryptography;
using System.Text;

namespace PPipe.Grains.Interfaces.Email;

/// <summary>
/// The secrets in one-time links: 256 random bits, URL-safe, stored only as a SHA-256 hash (the ticket grain's key), like
/// student tokens.
/// </summary>
public static class MailTickets
{
    /// <summary>The length of a secret's text.</summary>
    public const int SecretLength = 43;

    public static string NewSecret() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The ticket grain key for a secret: <c>mt-</c> and the lowercase hex SHA-256 of its text.</summary>
    public static string KeyOf(string secret) => "mt-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Cheap shape check before any look-up.</summary>
    public static bool LooksValid(string? secret) =>
        secret is { Length: SecretLength } && secret.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
