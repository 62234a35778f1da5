using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace PPipe.Scenarios.Output;

/// <summary>
/// A stable row id: <c>r0003-000123</c> is row 123 of release 3's window, <c>b0002-000045</c> row 45 of batch 2,
/// <c>p000017-004</c> row 4 of probe slot 17. Unique within a stream (duplicate rows repeat the id of the
/// row they copy, as a careless export does).
/// </summary>
public readonly record struct RowId(char Kind, int Seq, int Index)
{
    public const char Release = 'r';
    public const char Batch = 'b';
    public const char Probe = 'p';

    /// <summary>Enough bytes for any id.</summary>
    public const int MaxLength = 24;

    private int SeqDigits => Kind == Probe ? 6 : 4;

    private int IndexDigits => Kind == Probe ? 3 : 6;

    public override string ToString()
    {
        Span<byte> buffer = stackalloc byte[MaxLength];
        TryFormat(buffer, out var written);
        return Encoding.ASCII.GetString(buffer[..written]);
    }

    public bool TryFormat(Span<byte> destination, out int written)
    {
        written = 0;
        if (destination.Length < MaxLength)
        {
            return false;
        }

        destination[0] = (byte)Kind;
        Utf8Formatter.TryFormat(Seq, destination[1..], out var seqBytes, new StandardFormat('D', (byte)SeqDigits));
        destination[1 + seqBytes] = (byte)'-';
        Utf8Formatter.TryFormat(Index, destination[(2 + seqBytes)..], out var indexBytes, new StandardFormat('D', (byte)IndexDigits));
        written = 2 + seqBytes + indexBytes;
        return true;
    }

    public static bool TryParse(string? text, out RowId id)
    {
        id = default;
        if (text is not { Length: >= 4 } || text[0] is not (Release or Batch or Probe))
        {
            return false;
        }

        var dash = text.IndexOf('-', 1);
        if (dash < 2
            || !int.TryParse(text.AsSpan(1, dash - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var seq)
            || !int.TryParse(text.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            return false;
        }

        id = new RowId(text[0], seq, index);
        return id.ToString() == text;
    }
}
