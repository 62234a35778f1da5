namespace PPipe.Grains.Interfaces.Cohorts;

/// <summary>Lifecycle of a cohort: draft until it starts, running, paused by the instructor, finished at the scenario's end.</summary>
public enum CohortStatus
{
    Draft,
    Running,
    Paused,
    Finished,
}
