using System.Buffers;
using System.Globalization;
using System.Text;
using PPipe.Scenarios.Output;

namespace PPipe.Scenarios.Assessment;

/// <summary>
/// The rows of one submission as they are read, whatever the format: checks each id, label and number, puts
/// each prediction at its id's position and collects the errors (capped, but all counted). One per read.
/// </summary>
internal sealed class SubmissionRows
{
    private const int MissingIdsShown = 5;
    private const int TextShown = 40;

    private readonly BatchIds _ids;
    private readonly ScenarioTarget _target;
    private readonly Metric _metric;
    private readonly byte[][] _labels;
    private readonly int _maxErrors;
    private readonly List<SubmissionError> _errors = [];
    private readonly double[] _predictions;

    // The data row each position was first given on; 0 while not given. Pooled: it is large for a large batch
    // and dies with the read, and the pool spares the large-object heap one such array per submission.
    private readonly int[] _rowOf;
    private double[]? _probabilities;
    private bool _probabilitiesGiven;
    private int _errorCount;

    public SubmissionRows(BatchIds ids, ScenarioTarget target, Metric metric, byte[][] labels, int maxErrors)
    {
        _ids = ids;
        _target = target;
        _metric = metric;
        _labels = labels;
        _maxErrors = maxErrors;
        _predictions = new double[ids.Count];
        _rowOf = ArrayPool<int>.Shared.Rent(ids.Count);
        Array.Clear(_rowOf, 0, ids.Count);
    }

    /// <summary>The model the submission names, when it names one and names it well.</summary>
    public ModelClaim? Model { get; set; }

    /// <summary>True once an error made the rest of the body unreadable; reading stops there.</summary>
    public bool Stopped { get; private set; }

    public bool IsRegression => _target.IsNumeric;

    public void Error(int? row, string? id, SubmissionField field, string message)
    {
        _errorCount++;
        if (_errors.Count < _maxErrors)
        {
            _errors.Add(new SubmissionError(row, id, field, message));
        }
    }

    /// <summary>Reports an error on a row whose id was read, naming the id.</summary>
    public void ErrorAt(int row, int position, SubmissionField field, string message) =>
        Error(row, _ids[position].ToString(), field, message);

    /// <summary>Reports an error after which nothing more can be read, and stops reading.</summary>
    public void Stop(int? row, SubmissionField field, string message)
    {
        Error(row, null, field, message);
        Stopped = true;
    }

    /// <summary>The position of an id of this batch, or -1 with the reason in <paramref name="error"/>.</summary>
    public int Resolve(ReadOnlySpan<byte> text, out string? error)
    {
        if (BatchIds.TryParse(text, out var id) && _ids.TryGetPosition(id, out var position))
        {
            error = null;
            return position;
        }

        error = UnknownId(text);
        return -1;
    }

    /// <summary>Takes a position for a row; false (with the error reported) when an earlier row has it.</summary>
    public bool Claim(int row, int position)
    {
        if (_rowOf[position] is var first and > 0)
        {
            ErrorAt(row, position, SubmissionField.Id, $"duplicate id: already given on row {first}");
            return false;
        }

        _rowOf[position] = row;
        return true;
    }

    /// <summary>Takes the position of a row that has other problems, so its id is not also reported missing.</summary>
    public int ClaimQuietly(int row, ReadOnlySpan<byte> text)
    {
        if (BatchIds.TryParse(text, out var id) && _ids.TryGetPosition(id, out var position) && _rowOf[position] == 0)
        {
            _rowOf[position] = row;
            return position;
        }

        return -1;
    }

    /// <summary>Reads a prediction: a label's class index, or a finite number for regression.</summary>
    public bool TryParsePrediction(ReadOnlySpan<byte> text, out double value, out string? error)
    {
        text = text.Trim(" \t"u8);
        error = null;
        value = 0;
        if (text.IsEmpty)
        {
            error = "prediction is empty";
            return false;
        }

        if (IsRegression)
        {
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value))
            {
                return true;
            }

            error = IsNonFinite(text, value)
                ? $"prediction must be a finite number, got '{Show(text)}'"
                : $"prediction must be a number, got '{Show(text)}'";
            return false;
        }

        for (var k = 0; k < _labels.Length; k++)
        {
            if (text.SequenceEqual(_labels[k]))
            {
                value = k;
                return true;
            }
        }

        error = $"unknown label '{Show(text)}'; the labels are {string.Join(", ", _target.Classes)}";
        return false;
    }

    /// <summary>Reads a probability: a finite number in [0, 1].</summary>
    public static bool TryParseProbability(ReadOnlySpan<byte> text, out double value, out string? error)
    {
        text = text.Trim(" \t"u8);
        error = null;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value))
        {
            if (value is >= 0 and <= 1)
            {
                return true;
            }

            error = $"probability {Show(text)} is outside [0, 1]";
            return false;
        }

        error = $"probability must be a number between 0 and 1, got '{Show(text)}'";
        return false;
    }

    public void SetPrediction(int position, double value) => _predictions[position] = value;

    /// <summary>Notes that the submission has probabilities (a column, or a field on some element), valid or not.</summary>
    public void ProbabilitiesGiven() => _probabilitiesGiven = true;

    public void SetProbability(int position, double value)
    {
        if (_probabilities is null)
        {
            _probabilities = new double[_ids.Count];
        }

        _probabilities[position] = value;
    }

    /// <summary>The checks of the whole body (missing ids, a required probability) and the result. Ends the read.</summary>
    public SubmissionReadResult Finish(SubmissionFormat format)
    {
        if (!Stopped)
        {
            ReportMissingIds();
            if (_metric == Metric.LogLoss && !_probabilitiesGiven)
            {
                var how = format == SubmissionFormat.Csv
                    ? "add a probability column (header id,prediction,probability)"
                    : "add \"probability\" to every prediction";
                Error(null, null, SubmissionField.Probability, $"the probability column is required: logLoss scores the probability of '{_target.PositiveClass}'; {how}");
            }
        }

        ArrayPool<int>.Shared.Return(_rowOf);
        return _errorCount > 0
            ? new SubmissionReadResult(null, _errors, _errorCount)
            : new SubmissionReadResult(new BatchPredictions(_ids, _predictions, _probabilities), [], 0, Model);
    }

    /// <summary>Student text for a message: decoded, and cut short when long.</summary>
    public static string Show(ReadOnlySpan<byte> text)
    {
        var shown = Encoding.UTF8.GetString(text.Length > TextShown * 4 ? text[..(TextShown * 4)] : text);
        return shown.Length > TextShown ? string.Concat(shown.AsSpan(0, TextShown), "…") : shown;
    }

    private static bool IsNonFinite(ReadOnlySpan<byte> text, double parsed)
    {
        if (!double.IsFinite(parsed))
        {
            return true; // NaN, Infinity, or a number too large for a double
        }

        var word = text.TrimStart("+-"u8);
        return Ascii.EqualsIgnoreCase(word, "inf"u8) || Ascii.EqualsIgnoreCase(word, "infinity"u8) || Ascii.EqualsIgnoreCase(word, "nan"u8);
    }

    private string UnknownId(ReadOnlySpan<byte> text)
    {
        if (text.IsEmpty)
        {
            return "id is empty";
        }

        if (_ids.Count == 0)
        {
            return $"unknown id '{Show(text)}': this batch has no rows";
        }

        var first = _ids[0];
        if (!BatchIds.TryParse(text, out var id))
        {
            return $"unknown id '{Show(text)}': ids look like {first}";
        }

        if (id.Kind == first.Kind && id.Kind == RowId.Batch && id.Seq != first.Seq)
        {
            return $"unknown id '{id}': it is a row of batch {id.Seq}, not of batch {first.Seq}";
        }

        return $"unknown id '{id}': not a row of this batch (its ids run from {first} to {_ids[_ids.Count - 1]})";
    }

    private void ReportMissingIds()
    {
        var missing = 0;
        var shown = new List<string>(MissingIdsShown);
        for (var position = 0; position < _ids.Count; position++)
        {
            if (_rowOf[position] == 0)
            {
                missing++;
                if (shown.Count < MissingIdsShown)
                {
                    shown.Add(_ids[position].ToString());
                }
            }
        }

        if (missing == 0)
        {
            return;
        }

        var list = string.Join(", ", shown);
        var message = missing switch
        {
            1 => $"1 id has no prediction: {list}",
            _ when missing <= MissingIdsShown => $"{missing} ids have no prediction: {list}",
            _ => $"{missing.ToString("N0", CultureInfo.InvariantCulture)} of {_ids.Count.ToString("N0", CultureInfo.InvariantCulture)} ids have no prediction; the first {MissingIdsShown}: {list}",
        };
        Error(null, null, SubmissionField.Id, message);
    }
}
