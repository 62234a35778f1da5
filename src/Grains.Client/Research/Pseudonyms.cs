using System.Security.Cryptography;
using System.Text;

namespace PPipe.Grains.Client.Research;

/// <summary>
/// Turns student ids into a study's pseudonyms: the first <see cref="Bytes"/> bytes of HMAC-SHA256 of the UTF-8 student id under
/// the study's secret, as lower-case hex (<see cref="Length"/> characters). Without the secret a pseudonym cannot be traced back,
/// nor linked to the same student in another study. At 64 bits the chance that two of n students share one is about
/// n² / 2⁶⁵: 3 in a trillion for 10,000 students, 3 in ten million for ten million.
/// </summary>
public sealed class Pseudonyms(ReadOnlySpan<byte> secret)
{
    public const int Bytes = 8;
    public const int Length = Bytes * 2;

    private readonly byte[] _secret = secret.ToArray();

    public string Of(string studentId)
    {
        ArgumentNullException.ThrowIfNull(studentId);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_secret, Encoding.UTF8.GetBytes(studentId), mac);
        return Convert.ToHexStringLower(mac[..Bytes]);
    }
}
