namespace PPipe.Grains.Interfaces.Assessment;

/// <summary>What became of a submission.</summary>
[GenerateSerializer, Alias("ppipe.SubmissionStatus")]
public enum SubmissionStatus
{
    /// <summary>Stored durably; it may count.</summary>
    Accepted,

    /// <summary>The batch has not opened yet.</summary>
    NotOpen,

    /// <summary>The window is closed and the late policy takes no more work.</summary>
    Closed,

    /// <summary>The batch's submission limit is used up.</summary>
    LimitReached,
}
