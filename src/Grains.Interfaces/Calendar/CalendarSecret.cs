using System.Security.Cryptography;
using System.Text;

namespace PPipe.Grains.Interfaces.Calendar;

/// <summary>
/// The secret in a student's calendar feed URL (<c>/api/v1/calendar/{secret}.ics</c>): 256 random bits, apart from the
/// student's token so a calendar app never holds a credential that opens the API. The enrollment keeps the secret (to
/// show the URL again); the feed index is keyed by its hash, like tokens.
/// </summary>
public static class CalendarSecret
{
    public const string Prefix = "ppc_";

    public static string New() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The feed grain key for a secret: <c>cal-</c> and the lowercase hex SHA-256 of its text.</summary>
    public static string KeyOf(string secret) => "cal-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Cheap shape check before any lookup: a URL of the wrong shape is answered 404 without a grain call.</summary>
    public static bool LooksValid(string secret) => secret.Length == Prefix.Length + 43 && secret.StartsWith(Prefix, StringComparison.Ordinal)
        && secret.AsSpan(Prefix.Length).IndexOfAnyExcept("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") < 0;
}
