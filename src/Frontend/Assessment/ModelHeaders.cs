using PPipe.Scenarios.Assessment;

namespace PPipe.Frontend.Assessment;

/// <summary>
/// The model of a submission given in request headers, as CSV bodies must (a JSON body may give it in <c>model</c>
/// instead): <c>X-Model-Version</c>, <c>X-Model-Trained-Through</c>, <c>X-Model-Digest</c>, read by the same rules as
/// the JSON form (<see cref="ModelClaim"/>). A header given twice is a problem of its field.
/// </summary>
public static class ModelHeaders
{
    public const string Version = "X-Model-Version";

    public const string TrainedThrough = "X-Model-Trained-Through";

    public const string Digest = "X-Model-Digest";

    /// <summary>The model the headers name; null when they name none, or with <paramref name="problems"/> when they name one badly.</summary>
    public static ModelClaim? Read(IHeaderDictionary headers, ICollection<SubmissionError> problems)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(problems);
        var before = problems.Count;
        var version = Single(headers, Version, SubmissionField.ModelVersion, problems);
        var trainedThrough = Single(headers, TrainedThrough, SubmissionField.ModelTrainedThrough, problems);
        var digest = Single(headers, Digest, SubmissionField.ModelDigest, problems);
        return problems.Count == before ? ModelClaim.Read(version, trainedThrough, digest, problems) : null;
    }

    private static string? Single(IHeaderDictionary headers, string name, SubmissionField field, ICollection<SubmissionError> problems)
    {
        var values = headers[name];
        if (values.Count > 1)
        {
            problems.Add(new SubmissionError(null, null, field, $"{name} is given {values.Count} times; give it once"));
            return null;
        }

        return values.Count == 1 ? values[0] : null;
    }
}
