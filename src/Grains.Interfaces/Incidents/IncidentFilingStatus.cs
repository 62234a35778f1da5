namespace PPipe.Grains.Interfaces.Incidents;

/// <summary>What became of an incident report.</summary>
[GenerateSerializer, Alias("ppipe.IncidentFilingStatus")]
public enum IncidentFilingStatus
{
    /// <summary>Stored durably.</summary>
    Accepted,

    /// <summary>The day's reports are used up: refused, and counted as a false alarm.</summary>
    LimitReached,

    /// <summary>The scenario has not started or has ended.</summary>
    OutsideScenario,
}
