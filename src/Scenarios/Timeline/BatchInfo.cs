namespace PPipe.Scenarios.Timeline;

/// <summary>A batch as the API shows it, in wall time, with its status at the time asked. <see cref="LateUntil"/> is when
/// late work stops being taken under the scenario's own policy: when the labels are revealed at the latest.</summary>
public sealed record BatchInfo(
    int Seq,
    DateTimeOffset OpensAt,
    DateTimeOffset DueAt,
    DateTimeOffset LabelsAt,
    DateTimeOffset LateUntil,
    int Rows,
    BatchStatus Status);
