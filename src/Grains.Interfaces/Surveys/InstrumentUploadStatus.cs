namespace PPipe.Grains.Interfaces.Surveys;

/// <summary>What became of an uploaded instrument spec.</summary>
[GenerateSerializer, Alias("ppipe.InstrumentUploadStatus")]
public enum InstrumentUploadStatus
{
    /// <summary>Stored as a new version.</summary>
    Added,

    /// <summary>This version was stored before with exactly this text; nothing changed.</summary>
    Unchanged,

    /// <summary>This version exists with other text (versions never change), or the instrument holds its most versions.</summary>
    Conflict,

    /// <summary>The spec has problems, listed with their paths.</summary>
    Invalid,
}
