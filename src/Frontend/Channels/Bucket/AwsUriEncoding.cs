using System.Text;

namespace PPipe.Frontend.Channels.Bucket;

/// <summary>
/// The URI encoding Signature Version 4 prescribes: every byte outside the unreserved set
/// (A-Z a-z 0-9 - . _ ~) as %XX with uppercase hex. Decoding works on bytes, so any percent
/// sequence a client sent survives a decode/encode round trip exactly.
/// </summary>
internal static class AwsUriEncoding
{
    private const string HexDigits = "0123456789ABCDEF";

    /// <summary>Decodes then re-encodes one path segment or query component into its canonical form.</summary>
    public static string Canonicalize(ReadOnlySpan<char> component)
    {
        var builder = new StringBuilder(component.Length + 8);
        Append(builder, Decode(component), keepSlash: false);
        return builder.ToString();
    }

    /// <summary>Encodes text (e.g. an object key) the same way; <paramref name="keepSlash"/> leaves '/' as is.</summary>
    public static string Encode(string text, bool keepSlash)
    {
        var builder = new StringBuilder(text.Length + 8);
        Append(builder, Encoding.UTF8.GetBytes(text), keepSlash);
        return builder.ToString();
    }

    /// <summary>Percent-decodes to text (UTF-8). A '%' not followed by two hex digits stays literal.</summary>
    public static string DecodeToString(ReadOnlySpan<char> component) => Encoding.UTF8.GetString(Decode(component));

    private static byte[] Decode(ReadOnlySpan<char> component)
    {
        var bytes = new List<byte>(component.Length);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < component.Length; i++)
        {
            var c = component[i];
            if (c == '%' && i + 2 < component.Length
                && char.IsAsciiHexDigit(component[i + 1]) && char.IsAsciiHexDigit(component[i + 2]))
            {
                bytes.Add((byte)(HexValue(component[i + 1]) << 4 | HexValue(component[i + 2])));
                i += 2;
            }
            else if (c < 0x80)
            {
                bytes.Add((byte)c);
            }
            else
            {
                var length = char.IsHighSurrogate(c) && i + 1 < component.Length
                    ? Encoding.UTF8.GetBytes(component.Slice(i++, 2), utf8)
                    : Encoding.UTF8.GetBytes(component.Slice(i, 1), utf8);
                foreach (var b in utf8[..length])
                {
                    bytes.Add(b);
                }
            }
        }

        return [.. bytes];
    }

    private static void Append(StringBuilder builder, ReadOnlySpan<byte> bytes, bool keepSlash)
    {
        foreach (var b in bytes)
        {
            if (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~' || (keepSlash && b == '/'))
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(HexDigits[b >> 4]).Append(HexDigits[b & 0xF]);
            }
        }
    }

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
