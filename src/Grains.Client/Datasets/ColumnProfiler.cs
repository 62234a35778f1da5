using System.Globalization;
using PPipe.Grains.Interfaces.Datasets;
using PPipe.Scenarios.Datasets;

namespace PPipe.Grains.Client.Datasets;

/// <summary>
/// Profiles one column while its values stream past: how many parse as each type, missing values, distinct values,
/// the range. The type is decided at the end over all values; a column that is mostly of one type (numbers, times,
/// booleans) but not entirely is refused as mixed, naming the first row that breaks it. A column whose file states its
/// type (<paramref name="declared"/>, from a Parquet schema) takes that type instead, and is never refused as mixed.
/// </summary>
internal sealed class ColumnProfiler(string name, DeclaredType declared = DeclaredType.None)
{
    /// <summary>The most distinct values a column of repeated strings may have to count as a category rather than text.</summary>
    public const int MaxCategories = 1_000;

    private readonly DistinctCounter _distinct = new();
    private long _missing;
    private long _present;
    private long _integers;
    private long _numbers;
    private long _booleans;
    private long _timestamps;
    private double _minNumber = double.PositiveInfinity;
    private double _maxNumber = double.NegativeInfinity;
    private DateTimeOffset _minTime = DateTimeOffset.MaxValue;
    private DateTimeOffset _maxTime = DateTimeOffset.MinValue;
    private (long Row, string Value)? _firstNonNumber;
    private (long Row, string Value)? _firstNonTimestamp;
    private (long Row, string Value)? _firstNonBoolean;
    private long? _firstDuplicateRow;

    public string Name => name;

    /// <summary>Values that stand for "no value".</summary>
    public static bool IsMissing(string value) => DatasetValueText.IsMissing(value);

    public void Observe(string value, long row)
    {
        if (IsMissing(value))
        {
            _missing++;
            return;
        }

        _present++;
        if (!_distinct.Add(value) && _firstDuplicateRow is null)
        {
            _firstDuplicateRow = row;
        }

        if (value.Length is >= 4 and <= 7 && bool.TryParse(value, out _))
        {
            _booleans++;
        }
        else
        {
            _firstNonBoolean ??= (row, value);
        }

        if (DatasetValueText.MayBeNumber(value) && DatasetValueText.TryParseNumber(value, out var number, out var integer))
        {
            _numbers++;
            if (integer)
            {
                _integers++;
            }

            _minNumber = Math.Min(_minNumber, number);
            _maxNumber = Math.Max(_maxNumber, number);
            _firstNonTimestamp ??= (row, value);
            return;
        }

        _firstNonNumber ??= (row, value);
        if (DatasetValueText.LooksLikeTime(value) && DatasetValueText.TryParseTime(value, out var time))
        {
            _timestamps++;
            if (time < _minTime)
            {
                _minTime = time;
            }

            if (time > _maxTime)
            {
                _maxTime = time;
            }
        }
        else
        {
            _firstNonTimestamp ??= (row, value);
        }
    }

    /// <summary>The column's profile; throws <see cref="DatasetFileException"/> when its values mix types.</summary>
    public ColumnProfile Complete()
    {
        var type = DecideType();
        var (min, max) = type switch
        {
            ColumnType.Number or ColumnType.Integer when _numbers > 0 => (Format(_minNumber), Format(_maxNumber)),
            ColumnType.Timestamp when _timestamps > 0 => (Format(_minTime), Format(_maxTime)),
            _ => ((string?)null, (string?)null),
        };
        return new ColumnProfile(name, type, _missing, _distinct.Count, _distinct.Exact, min, max,
            _firstDuplicateRow, _firstNonTimestamp?.Row, _firstNonTimestamp?.Value);
    }

    private ColumnType DecideType() => declared switch
    {
        DeclaredType.Integer => ColumnType.Integer,
        DeclaredType.Number => ColumnType.Number,
        DeclaredType.Boolean => ColumnType.Boolean,
        DeclaredType.Timestamp => ColumnType.Timestamp,
        DeclaredType.String => CategoryOrText(),
        _ => InferType(),
    };

    private ColumnType InferType()
    {
        if (_present > 0 && _booleans == _present)
        {
            return ColumnType.Boolean;
        }

        if (_present > 0 && _numbers == _present)
        {
            return _integers == _present ? ColumnType.Integer : ColumnType.Number;
        }

        if (_present > 0 && _timestamps == _present)
        {
            return ColumnType.Timestamp;
        }

        Mixed(_numbers, _firstNonNumber, "numbers");
        Mixed(_timestamps, _firstNonTimestamp, "times");
        Mixed(_booleans, _firstNonBoolean, "true/false values");
        return CategoryOrText();
    }

    private ColumnType CategoryOrText() =>
        _distinct.Count <= MaxCategories && _distinct.Count * 2 <= _present ? ColumnType.Category : ColumnType.Text;

    /// <summary>Refuses a column where at least half the values are of one kind and others are not.</summary>
    private void Mixed(long count, (long Row, string Value)? first, string kind)
    {
        if (count * 2 >= _present && first is { } breaking)
        {
            throw new DatasetFileException(new DatasetFileProblem(DatasetFileProblemKind.Invalid,
                $"Column '{name}' mixes types: {count} of its {_present} values are {kind}, but row {breaking.Row} has '{Shorten(breaking.Value)}'. " +
                "Fix the value, or leave it empty if it is missing.",
                breaking.Row, name));
        }
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Format(DateTimeOffset value) => value.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    internal static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
