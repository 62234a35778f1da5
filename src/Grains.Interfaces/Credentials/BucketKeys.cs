using System.Security.Cryptography;
using PPipe.Grains.Interfaces.Enrollments;

namespace PPipe.Grains.Interfaces.Credentials;

/// <summary>Makes the bucket channel's credentials: AWS-shaped access key ids and secrets, and bucket names.</summary>
public static class BucketKeys
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /// <summary>20 characters like AWS's own: a fixed prefix and 96 random bits.</summary>
    public static string NewAccessKeyId() => "PPIP" + RandomNumberGenerator.GetString(Alphabet, 16);

    /// <summary>40 characters, 240 random bits.</summary>
    public static string NewSecret() => RandomNumberGenerator.GetString(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", 40);

    public static string GrainKeyOf(string accessKeyId) => "k-" + accessKeyId;

    /// <summary>A valid S3 bucket name (lower case, 3–63 characters) unique to the enrollment.</summary>
    public static string BucketOf(EnrollmentKey enrollment) =>
        "ppipe-" + Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(enrollment.ToString())))[..24];
}
