using System.Security.Cryptography;
using System.Text;

namespace PPipe.Hosting.Schema;

/// <summary>One embedded schema script: its id (the file name without extension), text and checksum.</summary>
public sealed record SchemaScript(string Id, string Text)
{
    /// <summary>
    /// Lower-case hex SHA-256 of the UTF-8 text with line endings normalized to LF, so a checkout with
    /// CRLF line endings (Windows) computes the same checksum as the one that applied the script.
    /// </summary>
    public string Checksum { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Text.ReplaceLineEndings("\n"))));
}
