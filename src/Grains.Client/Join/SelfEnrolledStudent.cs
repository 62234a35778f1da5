using System.Security.Cryptography;
using System.Text;

namespace PPipe.Grains.Client.Join;

/// <summary>
/// The student id of someone who joins a cohort with an address its allowlist does not name: <c>j-</c> and the first 100
/// bits, in lowercase base32, of HMAC-SHA256 keyed with the cohort's roster key over the normalized address. The same
/// address always gets the same id in a cohort (so joining twice is one enrollment, and a join confirmed twice finds it),
/// ids differ between cohorts, and nobody without the cohort's secret can tell an address from its id or an id from an
/// address. Ids fit the roster's rules (letters, digits, <c>-</c>) and never look like a number.
/// </summary>
public static class SelfEnrolledStudent
{
    public const string Prefix = "j-";

    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    public static string IdFor(ReadOnlySpan<byte> rosterKey, string normalizedAddress)
    {
        var mac = HMACSHA256.HashData(rosterKey, Encoding.UTF8.GetBytes("self-enrolled\n" + normalizedAddress));
        var id = new StringBuilder(Prefix, Prefix.Length + 20);
        for (var i = 0; i < 20; i++)
        {
            // Bits 5i..5i+4 of the MAC, big-endian.
            var bit = i * 5;
            var pair = (mac[bit / 8] << 8) | mac[(bit / 8) + 1];
            id.Append(Alphabet[(pair >> (11 - (bit % 8))) & 31]);
        }

        return id.ToString();
    }
}
