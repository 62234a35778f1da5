namespace PPipe.Scenarios.Assessment;

/// <summary>
/// What reading a submission gave: the aligned predictions when the body is valid, otherwise the errors (the
/// first <see cref="SubmissionReader.MaxErrors"/> of them, in the order found) and how many there were in all.
/// </summary>
public sealed class SubmissionReadResult
{
    internal SubmissionReadResult(BatchPredictions? predictions, IReadOnlyList<SubmissionError> errors, int errorCount)
    {
        Predictions = predictions;
        Errors = errors;
        ErrorCount = errorCount;
    }

    /// <summary>The predictions of a valid submission; null when there were errors.</summary>
    public BatchPredictions? Predictions { get; }

    public IReadOnlyList<SubmissionError> Errors { get; }

    /// <summary>Every error found, including those beyond the list's cap.</summary>
    public int ErrorCount { get; }

    public bool IsValid => Predictions is not null;
}
