using System.Security.Cryptography;
using System.Text;

namespace PPipe.Frontend.Admin;

/// <summary>The configured (or generated) instructor API key, kept only as its digest.</summary>
public sealed class AdminApiKey
{
    private readonly byte[] _digest;

    public AdminApiKey(string key, bool generated)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        _digest = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        Generated = generated;
    }

    /// <summary>True when no key was configured and this one was made at start (embedded mode).</summary>
    public bool Generated { get; }

    public bool Matches(string presented) =>
        CryptographicOperations.FixedTimeEquals(_digest, SHA256.HashData(Encoding.UTF8.GetBytes(presented)));

    /// <summary>A random key with 192 bits of entropy, URL-safe.</summary>
    public static string NewKey() =>
        "ppk_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');
}
