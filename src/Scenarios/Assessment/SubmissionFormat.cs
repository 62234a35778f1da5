namespace PPipe.Scenarios.Assessment;

/// <summary>How a submission body is encoded: <c>text/csv</c> or <c>application/json</c>.</summary>
public enum SubmissionFormat
{
    Csv,
    Json,
}
