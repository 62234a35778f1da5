using PPipe.Grains.Interfaces.Assessment;

namespace PPipe.Grains.Assessment;

/// <summary>The last on-time and the last late submission of one batch: all that can still count.</summary>
[GenerateSerializer, Alias("ppipe.BatchSubmissionState")]
internal sealed class BatchSubmissionState
{
    [Id(0)] public StoredSubmission? LastOnTime { get; set; }
    [Id(1)] public StoredSubmission? LastLate { get; set; }
}
