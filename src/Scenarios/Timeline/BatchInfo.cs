namespace PPipe.Scenarios.Timeline;

/// <summary>A batch as the API shows it, in wall time, with its status at the time asked.</summary>
public sealed record BatchInfo(
    int Seq,
    DateTimeOffset OpensAt,
    DateTimeOffset DueAt,
    DateTimeOffset LabelsAt,
    DateTimeOffset? LateUntil,
    int Rows,
    BatchStatus Status);
