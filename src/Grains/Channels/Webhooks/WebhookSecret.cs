using System.Security.Cryptography;

namespace PPipe.Grains.Channels.Webhooks;

/// <summary>Makes the secrets that sign a student's webhook deliveries.</summary>
internal static class WebhookSecret
{
    public const string Prefix = "whsec_";

    /// <summary>
    /// A new secret: 256 random bits, base64url, with a recognisable prefix. The whole string,
    /// prefix included, is the HMAC key, so a receiver uses it exactly as it was shown.
    /// </summary>
    public static string Generate() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
