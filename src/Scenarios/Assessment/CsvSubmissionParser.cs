using System.Globalization;

namespace PPipe.Scenarios.Assessment;

/// <summary>
/// Reads a CSV submission: a header <c>id,prediction</c> or <c>id,prediction,probability</c>, then one row per
/// id. RFC 4180 quoting, <c>\n</c> or <c>\r\n</c> line ends, spaces around fields ignored, blank lines skipped
/// (but counted, so row n is line n + 1). Works on the bytes in place; only quoted fields are copied.
/// </summary>
internal sealed class CsvSubmissionParser(SubmissionRows rows) : ISubmissionParser
{
    private const string ExpectedColumns = "id,prediction[,probability]";
    private const int MaxColumns = 3;

    private byte[] _unquoted = [];
    private bool _headerRead;
    private int _columns;
    private bool _readProbability;
    private int _row;

    public int Consume(ReadOnlySpan<byte> data, bool final)
    {
        var consumed = 0;
        while (consumed < data.Length && !rows.Stopped)
        {
            var rest = data[consumed..];
            var length = RecordLength(rest, final, out var quoted, out var unclosed);
            if (length < 0)
            {
                break;
            }

            if (unclosed)
            {
                rows.Stop(_headerRead ? _row + 1 : null, SubmissionField.Row, "a quoted field starting on this row is never closed");
                return data.Length;
            }

            var record = rest[..length];
            consumed += length;
            if (record is [.., (byte)'\n'])
            {
                record = record[..^1];
            }

            if (record is [.., (byte)'\r'])
            {
                record = record[..^1];
            }

            Read(record, quoted);
        }

        return consumed;
    }

    public void TooLong(int bytes)
    {
        var limit = bytes.ToString("N0", CultureInfo.InvariantCulture);
        rows.Stop(_headerRead ? _row + 1 : null, SubmissionField.Row, $"row is longer than {limit} bytes; lines must end with \\n or \\r\\n");
    }

    public void Complete()
    {
        if (!_headerRead && !rows.Stopped)
        {
            rows.Stop(null, SubmissionField.Body, $"the body is empty: expected a header line {ExpectedColumns} and one row per id");
        }
    }

    /// <summary>The length of the first record with its line end, or -1 when it may continue past the data.</summary>
    private static int RecordLength(ReadOnlySpan<byte> data, bool final, out bool quoted, out bool unclosed)
    {
        unclosed = false;
        var newline = data.IndexOf((byte)'\n');
        quoted = (newline < 0 ? data : data[..newline]).Contains((byte)'"');
        if (!quoted)
        {
            return newline >= 0 ? newline + 1 : final ? data.Length : -1;
        }

        // A quoted field may hold line ends: only a \n outside quotes ends the record. A doubled quote flips
        // the state twice, so it needs no special case here.
        var inQuotes = false;
        for (var i = 0; i < data.Length; i++)
        {
            if (data[i] == '"')
            {
                inQuotes = !inQuotes;
            }
            else if (data[i] == '\n' && !inQuotes)
            {
                return i + 1;
            }
        }

        if (!final)
        {
            return -1;
        }

        unclosed = inQuotes;
        return data.Length;
    }

    private void Read(ReadOnlySpan<byte> record, bool quoted)
    {
        if (record.Trim(" \t"u8).IsEmpty)
        {
            _row += _headerRead ? 1 : 0;
            return;
        }

        Span<Range> fields = stackalloc Range[MaxColumns];
        var badColumn = 0;
        var count = quoted ? SplitQuoted(record, fields, out badColumn) : Split(record, fields);
        ReadOnlySpan<byte> source = quoted ? _unquoted : record;
        if (!_headerRead)
        {
            _headerRead = true;
            ReadHeader(record, source, fields, count);
            return;
        }

        _row++;
        var id = source[fields[0]].Trim(" \t"u8);
        if (count != _columns || badColumn > 0)
        {
            var claimed = rows.ClaimQuietly(_row, id);
            var message = badColumn > 0
                ? $"column {badColumn}: a closing quote must be followed by a comma or the end of the line"
                : $"expected {_columns} columns ({(_columns == 2 ? "id,prediction" : "id,prediction,probability")}), got {count}";
            if (claimed >= 0)
            {
                rows.ErrorAt(_row, claimed, SubmissionField.Row, message);
            }
            else
            {
                rows.Error(_row, null, SubmissionField.Row, message);
            }

            return;
        }

        var position = rows.Resolve(id, out var error);
        if (position < 0)
        {
            rows.Error(_row, id.IsEmpty ? null : SubmissionRows.Show(id), SubmissionField.Id, error!);
            return;
        }

        if (!rows.Claim(_row, position))
        {
            return;
        }

        if (rows.TryParsePrediction(source[fields[1]], out var prediction, out error))
        {
            rows.SetPrediction(position, prediction);
        }
        else
        {
            rows.ErrorAt(_row, position, SubmissionField.Prediction, error!);
        }

        if (_readProbability)
        {
            if (SubmissionRows.TryParseProbability(source[fields[2]], out var probability, out error))
            {
                rows.SetProbability(position, probability);
            }
            else
            {
                rows.ErrorAt(_row, position, SubmissionField.Probability, error!);
            }
        }
    }

    private void ReadHeader(ReadOnlySpan<byte> record, ReadOnlySpan<byte> source, ReadOnlySpan<Range> fields, int count)
    {
        var valid = count is 2 or 3
            && source[fields[0]].Trim(" \t"u8).SequenceEqual("id"u8)
            && source[fields[1]].Trim(" \t"u8).SequenceEqual("prediction"u8)
            && (count == 2 || source[fields[2]].Trim(" \t"u8).SequenceEqual("probability"u8));
        if (!valid)
        {
            var hint = record switch
            {
                [(byte)'{', ..] or [(byte)'[', ..] => "; this looks like JSON: send it as application/json",
                _ when record.Contains((byte)'\r') => "; lines must end with \\n or \\r\\n",
                _ when BatchIds.TryParse(source[fields[0]].Trim(" \t"u8), out _) => "; the first line must be the header",
                _ => "",
            };
            rows.Stop(null, SubmissionField.Header, $"expected columns {ExpectedColumns}, got {SubmissionRows.Show(record)}{hint}");
            return;
        }

        _columns = count;
        if (count == 3)
        {
            if (rows.IsRegression)
            {
                rows.Error(null, null, SubmissionField.Header, "probability is only for classification tasks; this one predicts a number: remove the probability column");
            }
            else
            {
                _readProbability = true;
                rows.ProbabilitiesGiven();
            }
        }
    }

    /// <summary>Splits a record without quotes at its commas; keeps the first fields, counts them all.</summary>
    private static int Split(ReadOnlySpan<byte> record, Span<Range> fields)
    {
        var count = 0;
        var start = 0;
        while (true)
        {
            var comma = record[start..].IndexOf((byte)',');
            var end = comma < 0 ? record.Length : start + comma;
            if (count < fields.Length)
            {
                fields[count] = start..end;
            }

            count++;
            if (comma < 0)
            {
                return count;
            }

            start = end + 1;
        }
    }

    /// <summary>
    /// Splits a record with quotes, copying the fields' text without their quotes (and with doubled quotes
    /// made single) into <see cref="_unquoted"/>; the ranges point there. <paramref name="badColumn"/> is the
    /// first column with text after its closing quote, or 0.
    /// </summary>
    private int SplitQuoted(ReadOnlySpan<byte> record, Span<Range> fields, out int badColumn)
    {
        if (_unquoted.Length < record.Length)
        {
            _unquoted = new byte[Math.Max(record.Length, 256)];
        }

        var text = _unquoted.AsSpan();
        badColumn = 0;
        var count = 0;
        var i = 0;
        var written = 0;
        while (true)
        {
            var start = written;
            var first = i;
            while (first < record.Length && record[first] is (byte)' ' or (byte)'\t')
            {
                first++;
            }

            if (first < record.Length && record[first] == '"')
            {
                i = first;
                for (i++; i < record.Length; i++)
                {
                    if (record[i] == '"')
                    {
                        if (i + 1 < record.Length && record[i + 1] == '"')
                        {
                            text[written++] = (byte)'"';
                            i++;
                            continue;
                        }

                        i++;
                        break;
                    }

                    text[written++] = record[i];
                }

                while (i < record.Length && record[i] is (byte)' ' or (byte)'\t')
                {
                    i++;
                }

                if (i < record.Length && record[i] != ',')
                {
                    badColumn = badColumn == 0 ? count + 1 : badColumn;
                    while (i < record.Length && record[i] != ',')
                    {
                        i++;
                    }
                }
            }
            else
            {
                while (i < record.Length && record[i] != ',')
                {
                    text[written++] = record[i++];
                }
            }

            if (count < fields.Length)
            {
                fields[count] = start..written;
            }

            count++;
            if (i >= record.Length)
            {
                return count;
            }

            i++;
        }
    }
}
