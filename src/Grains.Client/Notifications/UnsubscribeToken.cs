using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using PPipe.Grains.Interfaces.Notifications;

namespace PPipe.Grains.Client.Notifications;

/// <summary>
/// What an unsubscribe link says: whose notifications (a student of a cohort, or the cohort's instructor when
/// <see cref="StudentId"/> is null) and which kind to turn off. Written as base64url of
/// <c>1\n{cohort}\n{student}\n{kind}</c>, a dot, and base64url of the first 16 bytes of its HMAC-SHA256 under the
/// cohort's signing key, so it cannot be forged or changed to name someone else; it never expires (an old mail's link
/// still works).
/// </summary>
public sealed record UnsubscribeToken(string CohortId, string? StudentId, NotificationKind Kind)
{
    public const int MaxLength = 600;
    private const int MacLength = 16;

    /// <summary>The link's token, signed with <paramref name="key"/>.</summary>
    public string Sign(ReadOnlySpan<byte> key)
    {
        var payload = Encoding.UTF8.GetBytes($"1\n{CohortId}\n{StudentId}\n{NotificationKinds.Name(Kind)}");
        return Base64Url(payload) + "." + Base64Url(Mac(key, payload));
    }

    /// <summary>
    /// Reads a token's claims without checking its signature (to find the cohort whose key checks it); false for
    /// anything that is not a well-formed token.
    /// </summary>
    public static bool TryRead(string? token, [NotNullWhen(true)] out UnsubscribeToken? claims)
    {
        claims = null;
        if (token is null || token.Length > MaxLength || token.Split('.') is not [var payloadText, var macText]
            || FromBase64Url(payloadText) is not { } payload || FromBase64Url(macText) is not { Length: MacLength })
        {
            return false;
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(payload);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        if (text.Split('\n') is not ["1", { Length: > 0 } cohort, var student, var kindName] || !NotificationKinds.TryParse(kindName, out var kind)
            || (student.Length == 0) != NotificationKinds.Instructor.Contains(kind))
        {
            return false;
        }

        claims = new UnsubscribeToken(cohort, student.Length == 0 ? null : student, kind);
        return true;
    }

    /// <summary>True when <paramref name="token"/> was signed with <paramref name="key"/> (compared in constant time).</summary>
    public static bool Verify(string token, ReadOnlySpan<byte> key)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (token.Split('.') is not [var payloadText, var macText] || FromBase64Url(payloadText) is not { } payload || FromBase64Url(macText) is not { } mac)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Mac(key, payload), mac);
    }

    private static byte[] Mac(ReadOnlySpan<byte> key, byte[] payload) => HMACSHA256.HashData(key, payload)[..MacLength];

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[]? FromBase64Url(string text)
    {
        if (text.Length == 0 || text.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            return null;
        }

        var padded = text.Replace('-', '+').Replace('_', '/') + new string('=', (4 - text.Length % 4) % 4);
        try
        {
            return Convert.FromBase64String(padded);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
