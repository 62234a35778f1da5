using System.Security.Cryptography;
using System.Text;

namespace PPipe.Grains.Interfaces.Credentials;

/// <summary>
/// Student bearer tokens: 256 random bits, shown once, stored only as a SHA-256 hash. A fast hash is
/// right here (unlike passwords) because the token has full entropy and is looked up on every request.
/// </summary>
public static class StudentToken
{
    public const string Prefix = "ppt_";

    public static string New() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>The credential grain key for a token: <c>t-</c> and the lowercase hex SHA-256 of its text.</summary>
    public static string KeyOf(string token) => "t-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Cheap shape check before any lookup: wrong shapes are answered 401 without a grain call.</summary>
    public static bool LooksValid(string token) => token.Length == Prefix.Length + 43 && token.StartsWith(Prefix, StringComparison.Ordinal);

    internal static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
