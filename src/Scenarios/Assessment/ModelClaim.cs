using System.Globalization;
using System.Text.Json;

namespace PPipe.Scenarios.Assessment;

/// <summary>
/// What a batch submission or an endpoint's answer says about the model that made it:
/// <c>"model": {"version": "v4", "trainedThrough": 12, "digest": "sha256:..."}</c>. <see cref="Version"/> is the
/// student's name for the model (1 to <see cref="MaxVersionLength"/> characters), <see cref="TrainedThrough"/> the last
/// release seq it was trained on (0 or more), <see cref="Digest"/> an optional fingerprint of the model file (at most
/// <see cref="MaxDigestLength"/> characters). Read strictly: a wrong type, a value out of range or an unknown field is a
/// problem naming the field (<c>model.trainedThrough</c>), and then nothing is taken.
/// </summary>
public sealed record ModelClaim(string Version, int TrainedThrough, string? Digest)
{
    public const int MaxVersionLength = 64;

    public const int MaxDigestLength = 128;

    private const int MaxQuotedChars = 40;

    /// <summary>Reads the JSON value of <c>model</c>; null (and no problem) for JSON null, which is the same as leaving it out.</summary>
    public static ModelClaim? Read(JsonElement model, ICollection<SubmissionError> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (model.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (model.ValueKind != JsonValueKind.Object)
        {
            Problem(problems, SubmissionField.Model, $"model must be an object {{\"version\": ..., \"trainedThrough\": ...}}, got {Describe(model.ValueKind)}");
            return null;
        }

        var before = problems.Count;
        JsonElement? version = null, trainedThrough = null, digest = null;
        foreach (var property in model.EnumerateObject())
        {
            ref var slot = ref version;
            switch (property.Name)
            {
                case "version":
                    break;
                case "trainedThrough":
                    slot = ref trainedThrough;
                    break;
                case "digest":
                    slot = ref digest;
                    break;
                default:
                    Problem(problems, SubmissionField.Model,
                        $"unknown field '{Quote(property.Name)}': model has \"version\", \"trainedThrough\" and optionally \"digest\"");
                    continue;
            }

            if (slot is not null)
            {
                Problem(problems, FieldOf(property.Name), $"model.{property.Name} is given twice");
            }

            slot = property.Value;
        }

        string? versionText = null;
        if (version is not { ValueKind: JsonValueKind.String } versionValue)
        {
            Problem(problems, SubmissionField.ModelVersion, version is { } wrong
                ? $"model.version must be a string, got {Describe(wrong.ValueKind)}"
                : "model.version is missing: name the model, e.g. \"v4\"");
        }
        else
        {
            versionText = CheckVersion(versionValue.GetString()!, problems);
        }

        int? through = null;
        if (trainedThrough is not { } throughValue)
        {
            Problem(problems, SubmissionField.ModelTrainedThrough, "model.trainedThrough is missing: give the last release seq the model was trained on");
        }
        else if (throughValue.ValueKind != JsonValueKind.Number || !throughValue.TryGetInt32(out var seq) || seq < 0)
        {
            Problem(problems, SubmissionField.ModelTrainedThrough, TrainedThroughProblem(throughValue.ValueKind == JsonValueKind.Number
                ? Quote(throughValue.GetRawText())
                : Describe(throughValue.ValueKind)));
        }
        else
        {
            through = seq;
        }

        string? digestText = null;
        if (digest is { ValueKind: not JsonValueKind.Null } digestValue)
        {
            if (digestValue.ValueKind != JsonValueKind.String)
            {
                Problem(problems, SubmissionField.ModelDigest, $"model.digest must be a string, got {Describe(digestValue.ValueKind)}");
            }
            else
            {
                digestText = CheckDigest(digestValue.GetString()!, problems);
            }
        }

        return problems.Count == before ? new ModelClaim(versionText!, through!.Value, digestText) : null;
    }

    /// <summary>
    /// Reads the text form (the <c>X-Model-*</c> headers of a CSV submission): null (and no problem) when all three are
    /// absent; otherwise the version and trainedThrough are required, as in JSON.
    /// </summary>
    public static ModelClaim? Read(string? version, string? trainedThrough, string? digest, ICollection<SubmissionError> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (version is null && trainedThrough is null && digest is null)
        {
            return null;
        }

        var before = problems.Count;
        var versionText = version is null
            ? Problem<string>(problems, SubmissionField.ModelVersion, "model.version is missing: name the model, e.g. v4")
            : CheckVersion(version, problems);
        int? through = null;
        if (trainedThrough is null)
        {
            Problem(problems, SubmissionField.ModelTrainedThrough, "model.trainedThrough is missing: give the last release seq the model was trained on");
        }
        else if (!int.TryParse(trainedThrough, NumberStyles.None, CultureInfo.InvariantCulture, out var seq))
        {
            Problem(problems, SubmissionField.ModelTrainedThrough, TrainedThroughProblem($"'{Quote(trainedThrough)}'"));
        }
        else
        {
            through = seq;
        }

        var digestText = digest is null ? null : CheckDigest(digest, problems);
        return problems.Count == before ? new ModelClaim(versionText!, through!.Value, digestText) : null;
    }

    private static string? CheckVersion(string version, ICollection<SubmissionError> problems)
    {
        if (string.IsNullOrWhiteSpace(version))
        {
            return Problem<string>(problems, SubmissionField.ModelVersion, "model.version is empty: name the model, e.g. \"v4\"");
        }

        if (version.Length > MaxVersionLength)
        {
            return Problem<string>(problems, SubmissionField.ModelVersion, $"model.version has {version.Length} characters; at most {MaxVersionLength} are taken");
        }

        return version.Any(char.IsControl)
            ? Problem<string>(problems, SubmissionField.ModelVersion, "model.version may not hold control characters (line breaks, tabs)")
            : version;
    }

    private static string? CheckDigest(string digest, ICollection<SubmissionError> problems)
    {
        if (digest.Length is 0 or > MaxDigestLength)
        {
            return Problem<string>(problems, SubmissionField.ModelDigest,
                $"model.digest has {digest.Length} characters; give 1 to {MaxDigestLength} (e.g. the sha256 of the model file), or leave it out");
        }

        return digest.Any(char.IsControl)
            ? Problem<string>(problems, SubmissionField.ModelDigest, "model.digest may not hold control characters (line breaks, tabs)")
            : digest;
    }

    private static string TrainedThroughProblem(string got) =>
        $"model.trainedThrough must be a whole number from 0 to {int.MaxValue} (the last release seq the model was trained on), got {got}";

    private static SubmissionField FieldOf(string name) => name switch
    {
        "version" => SubmissionField.ModelVersion,
        "trainedThrough" => SubmissionField.ModelTrainedThrough,
        _ => SubmissionField.ModelDigest,
    };

    private static void Problem(ICollection<SubmissionError> problems, SubmissionField field, string message) =>
        problems.Add(new SubmissionError(null, null, field, message));

    private static T? Problem<T>(ICollection<SubmissionError> problems, SubmissionField field, string message)
        where T : class
    {
        Problem(problems, field, message);
        return null;
    }

    private static string Quote(string text) => text.Length <= MaxQuotedChars ? text : string.Concat(text.AsSpan(0, MaxQuotedChars), "…");

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
