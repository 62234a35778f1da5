using System.Buffers.Text;
using PPipe.Scenarios.Generation;
using PPipe.Scenarios.Output;

namespace PPipe.Scenarios.Assessment;

/// <summary>
/// The ids a submission must cover, each once, in batch order: a prediction's position is its id's position
/// here. The same for every student of a cohort (their rows differ, their ids do not), so build it once per
/// batch and share it; it is immutable and thread-safe. Ids repeated by the duplicate-rows quirk count once.
/// </summary>
public sealed class BatchIds
{
    private readonly RowId[] _ids;

    // Null when the ids are exactly kind, seq, 0..Count-1 in order (every generated batch): then the position
    // is the index and no lookup table is needed.
    private readonly Dictionary<RowId, int>? _positions;

    private BatchIds(RowId[] ids, Dictionary<RowId, int>? positions)
    {
        _ids = ids;
        _positions = positions;
    }

    public int Count => _ids.Length;

    public RowId this[int position] => _ids[position];

    /// <summary>The ids of <paramref name="ids"/> in order, each kept at its first occurrence.</summary>
    public static BatchIds From(IEnumerable<RowId> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var positions = new Dictionary<RowId, int>();
        var unique = new List<RowId>();
        foreach (var id in ids)
        {
            if (positions.TryAdd(id, unique.Count))
            {
                unique.Add(id);
            }
        }

        var array = unique.ToArray();
        return new BatchIds(array, IsSequential(array) ? null : positions);
    }

    /// <summary>The unique ids of a batch's truths (<see cref="ScenarioGenerator.BatchTruth"/>), in order.</summary>
    public static BatchIds FromTruths(IReadOnlyList<RowTruth> truths)
    {
        ArgumentNullException.ThrowIfNull(truths);
        var ids = new RowId[truths.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = truths[i].Id;
        }

        return From(ids);
    }

    public bool TryGetPosition(RowId id, out int position)
    {
        if (_positions is not null)
        {
            return _positions.TryGetValue(id, out position);
        }

        position = id.Index;
        return _ids.Length > 0 && id.Kind == _ids[0].Kind && id.Seq == _ids[0].Seq && (uint)id.Index < (uint)_ids.Length;
    }

    /// <summary>
    /// Reads an id in its one canonical spelling (<c>b0002-000045</c>: no other padding, case or spaces) from
    /// UTF-8 without allocating.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out RowId id)
    {
        id = default;
        if (utf8.Length is < 4 or > RowId.MaxLength || utf8[0] is not ((byte)RowId.Release or (byte)RowId.Batch or (byte)RowId.Probe))
        {
            return false;
        }

        var dash = utf8[1..].IndexOf((byte)'-') + 1;
        if (dash < 2
            || !TryParseDigits(utf8[1..dash], out var seq)
            || !TryParseDigits(utf8[(dash + 1)..], out var index))
        {
            return false;
        }

        id = new RowId((char)utf8[0], seq, index);
        Span<byte> canonical = stackalloc byte[RowId.MaxLength];
        return id.TryFormat(canonical, out var written) && canonical[..written].SequenceEqual(utf8);
    }

    private static bool TryParseDigits(ReadOnlySpan<byte> digits, out int value)
    {
        value = 0;
        foreach (var digit in digits)
        {
            if (digit is < (byte)'0' or > (byte)'9')
            {
                return false;
            }
        }

        return Utf8Parser.TryParse(digits, out value, out var consumed) && consumed == digits.Length;
    }

    private static bool IsSequential(RowId[] ids)
    {
        for (var i = 0; i < ids.Length; i++)
        {
            if (ids[i].Index != i || ids[i].Kind != ids[0].Kind || ids[i].Seq != ids[0].Seq)
            {
                return false;
            }
        }

        return true;
    }
}
