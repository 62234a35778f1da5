namespace PPipe.Grains.Interfaces.Surveys;

/// <summary>One survey of a cohort: which instrument version it asks, and the wall-time window it takes answers in.</summary>
[GenerateSerializer, Immutable, Alias("ppipe.SurveySchedule")]
public sealed record SurveySchedule(string InstrumentId, int Version, DateTimeOffset OpensAt, DateTimeOffset ClosesAt)
{
    /// <summary>Whether answers are taken at a wall time: from the opening, up to (not at) the closing.</summary>
    public bool IsOpenAt(DateTimeOffset now) => now >= OpensAt && now < ClosesAt;
}
