namespace PPipe.Scenarios.Spec;

/// <summary>Prediction windows: how often they open, how many rows, how long until due, when labels come back.</summary>
public sealed record BatchesSpec
{
    public bool? Enabled { get; init; }

    public string? First { get; init; }

    public string? Cadence { get; init; }

    public int? Rows { get; init; }

    public string? DueAfter { get; init; }

    /// <summary>Time from the due time until the true labels are revealed.</summary>
    public string? LabelDelay { get; init; }

    public int? SubmissionLimit { get; init; }

    public LateSpec? Late { get; init; }
}
