using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace PPipe.Grains.Channels.Webhooks;

/// <summary>
/// The <c>X-PPipe-Signature</c> header: <c>sha256=</c> and the lowercase hex HMAC-SHA256 of the raw
/// request body, keyed with the UTF-8 bytes of the webhook secret.
/// </summary>
internal static class WebhookSignature
{
    public const string HeaderName = "X-PPipe-Signature";

    private const string Scheme = "sha256=";

    /// <summary>The header value for <paramref name="body"/>.</summary>
    public static string Compute(ReadOnlySpan<byte> body, string secret)
    {
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        Sign(body, secret, mac);
        return Scheme + Convert.ToHexStringLower(mac);
    }

    /// <summary>
    /// True when <paramref name="header"/> is a valid signature of <paramref name="body"/> with
    /// <paramref name="secret"/>. Compares in constant time; a missing or malformed header is false.
    /// </summary>
    public static bool Verify(ReadOnlySpan<byte> body, string? header, string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        if (header is null || !header.StartsWith(Scheme, StringComparison.Ordinal))
        {
            return false;
        }

        var hex = header.AsSpan(Scheme.Length).Trim();
        Span<byte> presented = stackalloc byte[HMACSHA256.HashSizeInBytes];
        if (hex.Length != presented.Length * 2
            || Convert.FromHexString(hex, presented, out _, out var written) != OperationStatus.Done
            || written != presented.Length)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        Sign(body, secret, expected);
        return CryptographicOperations.FixedTimeEquals(expected, presented);
    }

    private static void Sign(ReadOnlySpan<byte> body, string secret, Span<byte> mac)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body, mac);
    }
}
