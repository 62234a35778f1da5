namespace PPipe.Scenarios.Assessment;

/// <summary>
/// What reading a submission gave: the aligned predictions when the body is valid, otherwise the errors (the
/// first <see cref="SubmissionReader.MaxErrors"/> of them, in the order found) and how many there were in all. A JSON
/// body may also name the model that made it (<see cref="Model"/>).
/// </summary>
public sealed class SubmissionReadResult
{
    internal SubmissionReadResult(BatchPredictions? predictions, IReadOnlyList<SubmissionError> errors, int errorCount, ModelClaim? model = null)
    {
        Predictions = predictions;
        Errors = errors;
        ErrorCount = errorCount;
        Model = model;
    }

    /// <summary>The predictions of a valid submission; null when there were errors.</summary>
    public BatchPredictions? Predictions { get; }

    public IReadOnlyList<SubmissionError> Errors { get; }

    /// <summary>Every error found, including those beyond the list's cap.</summary>
    public int ErrorCount { get; }

    /// <summary>The model a valid JSON body names in <c>model</c>; null when it names none (and always for CSV, whose model comes in headers).</summary>
    public ModelClaim? Model { get; }

    public bool IsValid => Predictions is not null;
}
