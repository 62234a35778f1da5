using System.Security.Cryptography;
using System.Text;

namespace PPipe.Grains.Interfaces.Credentials;

/// <summary>
/// Student bearer tokens: 256 bits, stored only as a SHA-256 hash. A fast hash is right here (unlike passwords)
/// because the token has full entropy and is looked up on every request. A roster's tokens are derived from the
/// cohort's secret roster key, the student id and the token's generation, so enrolling the same roster again yields
/// the same tokens (nothing is stored that could reveal them) and re-issuing one is a new generation.
/// </summary>
public static class StudentToken
{
    public const string Prefix = "ppt_";

    /// <summary>The length in bytes of a cohort's roster key.</summary>
    public const int RosterKeyLength = 32;

    public static string New() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>The token of generation <paramref name="generation"/> (from 1) of a student of the cohort whose roster key this is.</summary>
    public static string Derive(ReadOnlySpan<byte> rosterKey, string studentId, int generation)
    {
        if (rosterKey.Length != RosterKeyLength)
        {
            throw new ArgumentException($"A roster key has {RosterKeyLength} bytes.", nameof(rosterKey));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(generation, 1);
        var mac = HMACSHA256.HashData(rosterKey, Encoding.UTF8.GetBytes($"{studentId}\n{generation}"));
        return Prefix + Base64Url(mac);
    }

    /// <summary>The credential grain key for a token: <c>t-</c> and the lowercase hex SHA-256 of its text.</summary>
    public static string KeyOf(string token) => "t-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Cheap shape check before any lookup: wrong shapes are answered 401 without a grain call.</summary>
    public static bool LooksValid(string token) => token.Length == Prefix.Length + 43 && token.StartsWith(Prefix, StringComparison.Ordinal);

    internal static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
