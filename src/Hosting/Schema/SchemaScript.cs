using System.Security.Cryptography;
using System.Text;

namespace PPipe.Hosting.Schema;

/// <summary>One embedded schema script: its id (the file name without extension), text and SHA-256.</summary>
public sealed record SchemaScript(string Id, string Text)
{
    public string Checksum { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Text)));
}
