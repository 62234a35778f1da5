using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace PPipe.Grains.Interfaces.Email;

/// <summary>
/// E-mail addresses as the platform keys them: trimmed and lower-cased, nothing else (a <c>+tag</c> or a dot is part of
/// the address, as RFC 5321 has it). Only plain ASCII addresses are accepted; see <c>EmailCheck</c> in Grains.Client for
/// what is refused and why.
/// </summary>
public static class EmailAddress
{
    /// <summary>The longest address (RFC 5321's limit on a forward path, less the angle brackets).</summary>
    public const int MaxLength = 254;

    /// <summary>The key an address is indexed and limited under.</summary>
    public static string Normalize(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.Trim().ToLowerInvariant();
    }

    /// <summary>The part after the last <c>@</c> of a normalized address.</summary>
    public static string DomainOf(string normalized) => normalized[(normalized.LastIndexOf('@') + 1)..];

    /// <summary>Which of <paramref name="pages"/> shards an address belongs to: a stable hash, fixed forever.</summary>
    public static int PageOf(string normalized, int pages) =>
        (int)(BinaryPrimitives.ReadUInt32LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes(normalized))) % (uint)pages);
}
