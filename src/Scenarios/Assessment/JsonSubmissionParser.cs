using System.Text.Json;

namespace PPipe.Scenarios.Assessment;

/// <summary>
/// Reads a JSON submission, <c>{"predictions": [{"id": "...", "prediction": ..., "probability": ...}], "model": {...}}</c>,
/// token by token with <see cref="Utf8JsonReader"/>: resumable across pieces of the body, nothing held but
/// the current element's parsed values. The optional <c>model</c> (a <see cref="ModelClaim"/>) is small, so it is read
/// whole, once all of it has arrived.
/// </summary>
internal sealed class JsonSubmissionParser(SubmissionRows rows) : ISubmissionParser
{
    private const string Shape = "{\"predictions\": [{\"id\": ..., \"prediction\": ...}]}";
    private const int MaxValueBytes = 64;

    /// <summary>The most a <c>model</c> value may take, spaces included: a model is read again from its start each time more
    /// of it arrives, so this bounds the work a body sent a byte at a time can cause.</summary>
    private const int MaxModelBytes = 4096;

    private JsonReaderState _reader = new(new JsonReaderOptions { MaxDepth = 64 });
    private State _state = State.Start;
    private bool _sawPredictions;
    private bool _sawModel;

    // A value being skipped (unknown field, wrong shape): the depth it started at and where to go after it.
    private int _skipDepth = -1;
    private State _afterSkip;

    private int _row;
    private Field _field;

    // The first element decides whether every element carries a probability.
    private bool? _probabilities;
    private bool _reportedRegressionProbability;

    // The element being read: its values are checked as they come, reported once the element ends (when its
    // id, which may come last, is known).
    private bool _hasId;
    private int _position;
    private string? _idText;
    private string? _idError;
    private bool _hasPrediction;
    private double _prediction;
    private string? _predictionError;
    private bool _hasProbability;
    private double _probability;
    private string? _probabilityError;

    private enum State
    {
        Start,
        RootField,
        PredictionsValue,
        ModelValue,
        Elements,
        ElementField,
        ElementValue,
        SkipValue,
        End,
    }

    private enum Field
    {
        Id,
        Prediction,
        Probability,
        Unknown,
    }

    public int Consume(ReadOnlySpan<byte> data, bool final)
    {
        if (_state == State.Start && data.Trim(" \t\r\n"u8).IsEmpty)
        {
            if (final)
            {
                rows.Stop(null, SubmissionField.Body, $"the body is empty: expected {Shape}");
                return data.Length;
            }

            return 0;
        }

        var reader = new Utf8JsonReader(data, final, _reader);
        try
        {
            while (!rows.Stopped)
            {
                var before = reader;
                if (!reader.Read())
                {
                    break;
                }

                if (_state != State.ModelValue)
                {
                    Read(ref reader);
                }
                else if (!TryReadModel(ref reader))
                {
                    // Not all of the model is here yet: it is offered again, from its start, with more of the body.
                    reader = before;
                    if (data.Length - before.BytesConsumed > MaxModelBytes)
                    {
                        TooLong(MaxModelBytes);
                    }

                    break;
                }
            }
        }
        catch (JsonException exception)
        {
            Malformed(exception, data);
            return data.Length;
        }

        _reader = reader.CurrentState;
        return final ? data.Length : (int)reader.BytesConsumed;
    }

    public void TooLong(int bytes)
    {
        if (_state == State.ModelValue)
        {
            rows.Stop(null, SubmissionField.Model, $"model is longer than {bytes} bytes");
            return;
        }

        rows.Stop(_state is State.Elements or State.ElementField or State.ElementValue ? _row : null, SubmissionField.Body, $"a JSON value is longer than {bytes} bytes");
    }

    public void Complete()
    {
        if (!rows.Stopped && !_sawPredictions)
        {
            rows.Stop(null, SubmissionField.Body, $"missing \"predictions\": expected {Shape}");
        }
    }

    private void Read(ref Utf8JsonReader reader)
    {
        var token = reader.TokenType;
        if (_skipDepth >= 0)
        {
            if (token is JsonTokenType.EndObject or JsonTokenType.EndArray && reader.CurrentDepth == _skipDepth)
            {
                _skipDepth = -1;
                _state = _afterSkip;
            }

            return;
        }

        switch (_state)
        {
            case State.Start:
                if (token != JsonTokenType.StartObject)
                {
                    var hint = token == JsonTokenType.StartArray ? ": put the array in {\"predictions\": [...]}" : "";
                    rows.Stop(null, SubmissionField.Body, $"expected {Shape}, got {Describe(token)}{hint}");
                    return;
                }

                _state = State.RootField;
                return;

            case State.RootField:
                if (token == JsonTokenType.EndObject)
                {
                    _state = State.End;
                    return;
                }

                if (reader.ValueTextEquals("predictions"u8) && !_sawPredictions)
                {
                    _sawPredictions = true;
                    _state = State.PredictionsValue;
                    return;
                }

                if (reader.ValueTextEquals("model"u8) && !_sawModel)
                {
                    _sawModel = true;
                    _state = State.ModelValue;
                    return;
                }

                var name = Text(ref reader);
                rows.Error(null, null, name == "model" ? SubmissionField.Model : SubmissionField.Body, name is "predictions" or "model"
                    ? $"\"{name}\" is given twice"
                    : $"unknown field '{name}': the body has \"predictions\" and optionally \"model\"");
                SkipNext(State.RootField);
                return;

            case State.PredictionsValue:
                if (token != JsonTokenType.StartArray)
                {
                    rows.Stop(null, SubmissionField.Body, $"\"predictions\" must be an array, got {Describe(token)}: expected {Shape}");
                    return;
                }

                _state = State.Elements;
                return;

            case State.Elements:
                if (token == JsonTokenType.EndArray)
                {
                    _state = State.RootField;
                    return;
                }

                _row++;
                if (token != JsonTokenType.StartObject)
                {
                    rows.Error(_row, null, SubmissionField.Row, $"each prediction must be an object {{\"id\": ..., \"prediction\": ...}}, got {Describe(token)}");
                    Skip(ref reader, State.Elements);
                    return;
                }

                BeginElement();
                _state = State.ElementField;
                return;

            case State.ElementField:
                if (token == JsonTokenType.EndObject)
                {
                    EndElement();
                    _state = State.Elements;
                    return;
                }

                _field = reader.ValueTextEquals("id"u8) ? Field.Id
                    : reader.ValueTextEquals("prediction"u8) ? Field.Prediction
                    : reader.ValueTextEquals("probability"u8) ? Field.Probability
                    : Field.Unknown;
                if (_field == Field.Unknown || Has(_field))
                {
                    var field = Text(ref reader);
                    rows.Error(_row, null, SubmissionField.Row, _field == Field.Unknown
                        ? $"unknown field '{field}': a prediction has \"id\", \"prediction\" and optionally \"probability\""
                        : $"\"{field}\" is given twice");
                    SkipNext(State.ElementField);
                    return;
                }

                _state = State.ElementValue;
                return;

            case State.SkipValue:
                Skip(ref reader, _afterSkip);
                return;

            case State.ElementValue:
                ReadValue(ref reader);
                if (token is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    Skip(ref reader, State.ElementField);
                    return;
                }

                _state = State.ElementField;
                return;

            default:
                return;
        }
    }

    /// <summary>Reads the model whole from its first token; false when the body does not hold all of it yet.</summary>
    private bool TryReadModel(ref Utf8JsonReader reader)
    {
        if (!JsonDocument.TryParseValue(ref reader, out var document))
        {
            return false;
        }

        using (document)
        {
            var problems = new List<SubmissionError>();
            rows.Model = ModelClaim.Read(document.RootElement, problems);
            foreach (var problem in problems)
            {
                rows.Error(null, null, problem.Field, problem.Message);
            }
        }

        _state = State.RootField;
        return true;
    }

    private void ReadValue(ref Utf8JsonReader reader)
    {
        var token = reader.TokenType;

        // Escapes undone; a long escaped string is left as is, as it matches no id or label either way.
        Span<byte> unescaped = stackalloc byte[MaxValueBytes];
        scoped var text = token is JsonTokenType.String or JsonTokenType.Number ? reader.ValueSpan : default;
        if (token == JsonTokenType.String && reader.ValueIsEscaped && text.Length <= unescaped.Length)
        {
            text = unescaped[..reader.CopyString(unescaped)];
        }

        switch (_field)
        {
            case Field.Id:
                _hasId = true;
                if (token != JsonTokenType.String)
                {
                    _idError = $"id must be a string like \"b0002-000045\", got {Describe(token)}";
                    return;
                }

                _position = rows.Resolve(text, out _idError);
                _idText = _position < 0 && !text.IsEmpty ? SubmissionRows.Show(text) : null;
                return;

            case Field.Prediction:
                _hasPrediction = true;
                if (token is JsonTokenType.String or JsonTokenType.Number)
                {
                    rows.TryParsePrediction(text, out _prediction, out _predictionError);
                    return;
                }

                _predictionError = rows.IsRegression
                    ? $"prediction must be a number, got {Describe(token)}"
                    : $"prediction must be a label (a string), got {Describe(token)}";
                return;

            case Field.Probability:
                if (token == JsonTokenType.Null)
                {
                    return; // the same as leaving it out
                }

                _hasProbability = true;
                if (token == JsonTokenType.Number)
                {
                    SubmissionRows.TryParseProbability(text, out _probability, out _probabilityError);
                    return;
                }

                _probabilityError = $"probability must be a number between 0 and 1, got {Describe(token)}";
                return;

            default:
                return;
        }
    }

    private void BeginElement()
    {
        _hasId = _hasPrediction = _hasProbability = false;
        _position = -1;
        _idText = _idError = _predictionError = _probabilityError = null;
    }

    private void EndElement()
    {
        var row = _row;
        _probabilities ??= _hasProbability;
        if (_hasProbability && !rows.IsRegression)
        {
            rows.ProbabilitiesGiven();
        }

        if (!_hasId)
        {
            rows.Error(row, null, SubmissionField.Id, "id is missing");
            return;
        }

        if (_position < 0)
        {
            rows.Error(row, _idText, SubmissionField.Id, _idError!);
            return;
        }

        if (!rows.Claim(row, _position))
        {
            return;
        }

        if (!_hasPrediction)
        {
            rows.ErrorAt(row, _position, SubmissionField.Prediction, "prediction is missing");
        }
        else if (_predictionError is not null)
        {
            rows.ErrorAt(row, _position, SubmissionField.Prediction, _predictionError);
        }
        else
        {
            rows.SetPrediction(_position, _prediction);
        }

        if (rows.IsRegression)
        {
            if (_hasProbability && !_reportedRegressionProbability)
            {
                _reportedRegressionProbability = true;
                rows.ErrorAt(row, _position, SubmissionField.Probability, "probability is only for classification tasks; this one predicts a number: remove it");
            }

            return;
        }

        if (_hasProbability != _probabilities)
        {
            rows.ErrorAt(row, _position, SubmissionField.Probability, _hasProbability
                ? "probability given here but not on row 1: give it on every row or on none"
                : "probability is missing; row 1 has one: give it on every row or on none");
        }
        else if (_probabilityError is not null)
        {
            rows.ErrorAt(row, _position, SubmissionField.Probability, _probabilityError);
        }
        else if (_hasProbability)
        {
            rows.SetProbability(_position, _probability);
        }
    }

    private bool Has(Field field) => field switch
    {
        Field.Id => _hasId,
        Field.Prediction => _hasPrediction,
        _ => _hasProbability,
    };

    /// <summary>Skips the value the reader is at the start of, if it is an object or array.</summary>
    private void Skip(ref Utf8JsonReader reader, State then)
    {
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            _skipDepth = reader.CurrentDepth;
            _afterSkip = then;
        }
        else
        {
            _state = then;
        }
    }

    /// <summary>Skips the value that follows the current property name.</summary>
    private void SkipNext(State then)
    {
        _afterSkip = then;
        _state = State.SkipValue;
    }

    private static string Text(ref Utf8JsonReader reader)
    {
        var text = reader.GetString() ?? "";
        return text.Length > 40 ? string.Concat(text.AsSpan(0, 40), "…") : text;
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };

    private void Malformed(JsonException exception, ReadOnlySpan<byte> data)
    {
        var reason = exception.Message;
        var cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
        reason = cut > 0 ? reason[..cut] : reason;
        var line = (exception.LineNumber ?? 0) + 1;
        var column = (exception.BytePositionInLine ?? 0) + 1;
        var hint = _state == State.Start && data.TrimStart(" \t\r\n"u8).StartsWith("id,"u8) ? " (this looks like CSV: send it as text/csv)" : "";
        rows.Stop(_state is State.Elements or State.ElementField or State.ElementValue ? _row : null, SubmissionField.Body, $"malformed JSON at line {line}, byte {column}: {reason}{hint}");
    }
}
