using System.Text;
using PPipe.Scenarios.Output;

namespace PPipe.Grains.Client.Datasets;

/// <summary>
/// Re-encodes rows as RFC 4180 CSV lines (quoting only fields that need it) into chunks of at most
/// <see cref="DatasetLimits.ChunkRows"/> rows or <see cref="DatasetLimits.ChunkBytes"/> bytes, so a later reader can
/// fetch a row range by whole chunks.
/// </summary>
internal sealed class ChunkWriter
{
    private readonly StringBuilder _text = new();
    private int _index;
    private long _firstRow;
    private int _rows;

    /// <summary>Adds a row; returns a full chunk to store, or null while the current one has room.</summary>
    public DatasetChunk? Add(string[] fields)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0)
            {
                _text.Append(',');
            }

            _text.Append(CsvText.Escape(fields[i]));
        }

        _text.Append('\n');
        _rows++;
        return _rows >= DatasetLimits.ChunkRows || _text.Length * 3 >= DatasetLimits.ChunkBytes ? Flush() : null;
    }

    /// <summary>The rows not yet returned in a chunk, or null when there are none.</summary>
    public DatasetChunk? Flush()
    {
        if (_rows == 0)
        {
            return null;
        }

        var chunk = new DatasetChunk(_index++, _firstRow, _rows, Encoding.UTF8.GetBytes(_text.ToString()));
        _firstRow += _rows;
        _rows = 0;
        _text.Clear();
        return chunk;
    }
}
