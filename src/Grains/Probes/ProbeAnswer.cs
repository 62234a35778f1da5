using System.Globalization;
using System.Text.Json;
using PPipe.Grains.Outbound;
using PPipe.Grains.Interfaces.Assessment;
using PPipe.Grains.Interfaces.Outbound;
using PPipe.Scenarios;
using PPipe.Scenarios.Assessment;

namespace PPipe.Grains.Probes;

/// <summary>
/// Reads what a model endpoint answered, <c>{"predictions": [v, ...]}</c>, into the numbers the
/// scenario's metric takes (<see cref="PPipe.Scenarios.Generation.RowTruth"/>'s form), one per row sent
/// and in the same order. What each value may be:
/// <list type="bullet">
/// <item>Regression: a number (a string holding a number is taken too).</item>
/// <item>Classification scored on labels (accuracy, macro-F1): a label as a string, or a number or
/// boolean whose text is a label (<c>1</c> when the labels are <c>"0"</c> and <c>"1"</c>).</item>
/// <item>Binary tasks scored on probabilities (ROC AUC, log loss): a number from 0 to 1, the probability of
/// the positive class (the second label); or a label, taken as probability 1 (the positive class) or 0.
/// A number is always a probability here, never a label.</item>
/// </list>
/// The answer may also name the model that gave it, <c>"model": {"version", "trainedThrough", "digest"}</c> (read as
/// <see cref="ModelClaim"/> reads a submission's); a bad one never fails the probe: it is ignored, with a note saying why.
/// </summary>
internal static class ProbeAnswer
{
    private const int MaxQuotedChars = 40;
    private const string Expected = """expected {"predictions": [...]}""";

    /// <summary>
    /// Fills <paramref name="predictions"/> (one per row sent) from <paramref name="body"/>. Returns null
    /// when every value was read, or the failure (<see cref="OutboundFailureKind.MalformedBody"/>,
    /// <see cref="OutboundFailureKind.WrongCount"/>) with a detail the student can act on.
    /// </summary>
    public static OutboundFailure? TryRead(ReadOnlyMemory<byte> body, ScenarioTarget target, Metric metric, Span<double> predictions) =>
        TryRead(body, target, metric, predictions, out _, out _);

    /// <summary>
    /// <see cref="TryRead(ReadOnlyMemory{byte}, ScenarioTarget, Metric, Span{double})"/>, and the model the answer named:
    /// <paramref name="model"/> when it named one well, or <paramref name="note"/> saying why what it named was ignored.
    /// </summary>
    public static OutboundFailure? TryRead(
        ReadOnlyMemory<byte> body, ScenarioTarget target, Metric metric, Span<double> predictions, out ModelStamp? model, out string? note)
    {
        model = null;
        note = null;
        ArgumentNullException.ThrowIfNull(target);
        if (body.Span.StartsWith("\uFEFF"u8))
        {
            body = body[3..];
        }

        if (body.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            return Malformed($"the body is empty; {Expected}");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            return Malformed($"the body is not valid JSON ({e.Message})");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("predictions", out var values)
                || values.ValueKind != JsonValueKind.Array)
            {
                return Malformed($"the body has no \"predictions\" array; {Expected}");
            }

            var count = values.GetArrayLength();
            if (count != predictions.Length)
            {
                return new OutboundFailure(OutboundFailureKind.WrongCount, $"expected {predictions.Length} predictions, got {count}");
            }

            var i = 0;
            foreach (var value in values.EnumerateArray())
            {
                if (!TryReadValue(value, target, metric, out predictions[i]))
                {
                    return Malformed($"predictions[{i}] is {Quote(value.GetRawText())}; {WhatIsExpected(target, metric)}");
                }

                i++;
            }

            if (document.RootElement.TryGetProperty("model", out var named))
            {
                (model, note) = ReadModel(named);
            }
        }

        return null;
    }

    private static (ModelStamp? Model, string? Note) ReadModel(JsonElement named)
    {
        const int shown = 2;
        var problems = new List<SubmissionError>();
        if (ModelClaim.Read(named, problems) is { } claim)
        {
            return (new ModelStamp(claim.Version, claim.TrainedThrough, claim.Digest), null);
        }

        if (problems.Count == 0)
        {
            return (null, null);
        }

        var more = problems.Count > shown ? $" (and {problems.Count - shown} more)" : "";
        return (null, $"model ignored: {string.Join("; ", problems.Take(shown).Select(p => p.Message))}{more}");
    }

    private static bool TryReadValue(JsonElement value, ScenarioTarget target, Metric metric, out double prediction)
    {
        prediction = double.NaN;
        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        };
        if (text is null)
        {
            return false;
        }

        if (target.Task.IsNumeric())
        {
            return target.TryParsePrediction(text, out prediction);
        }

        if (metric.NeedsProbability())
        {
            if (value.ValueKind != JsonValueKind.Number && target.TryParsePrediction(text, out var label))
            {
                prediction = label == ScenarioTarget.PositiveClassIndex ? 1 : 0;
                return true;
            }

            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out prediction)
                && prediction is >= 0 and <= 1;
        }

        if (target.TryParsePrediction(text, out prediction))
        {
            return true;
        }

        // 1.0 or 1e0 for the label "1".
        return value.ValueKind == JsonValueKind.Number
            && value.TryGetDouble(out var number)
            && target.TryParsePrediction(number.ToString(CultureInfo.InvariantCulture), out prediction);
    }

    private static string WhatIsExpected(ScenarioTarget target, Metric metric)
    {
        if (target.Task.IsNumeric())
        {
            return "expected a number";
        }

        var labels = string.Join(", ", target.Classes.Select(c => $"\"{c}\""));
        return metric.NeedsProbability()
            ? $"expected the probability of \"{target.PositiveClass}\" (a number from 0 to 1) or one of the labels {labels}"
            : $"expected one of the labels {labels}";
    }

    private static string Quote(string raw) => raw.Length <= MaxQuotedChars ? raw : raw[..MaxQuotedChars] + "…";

    private static OutboundFailure Malformed(string detail) => new(OutboundFailureKind.MalformedBody, detail);
}
