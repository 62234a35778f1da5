namespace PPipe.Scenarios.Timeline;

/// <summary>How a submission at a given time is treated under the batch's late policy.</summary>
public enum SubmissionTiming
{
    /// <summary>The batch has not opened yet.</summary>
    NotOpen,

    /// <summary>Before the due time.</summary>
    OnTime,

    /// <summary>After the due time but taken (with the policy's penalty, if any).</summary>
    Late,

    /// <summary>Refused: after the due time under the reject policy or past the cutoff, or at any time once the batch's
    /// labels are revealed (or a forecast's values published).</summary>
    Refused,
}
