namespace PPipe.Scenarios.Assessment;

/// <summary>What a <see cref="SubmissionError"/> is about.</summary>
public enum SubmissionField
{
    /// <summary>The body as a whole: empty, malformed, ids missing, a required column absent.</summary>
    Body,

    /// <summary>The CSV header line.</summary>
    Header,

    /// <summary>A row as a whole: its column count, its shape, an unknown JSON field.</summary>
    Row,

    Id,
    Prediction,
    Probability,
}
