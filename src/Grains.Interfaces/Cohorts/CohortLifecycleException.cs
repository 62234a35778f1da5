namespace PPipe.Grains.Interfaces.Cohorts;

/// <summary>A lifecycle change that does not fit the cohort's state (pausing a finished cohort, resuming a running one).</summary>
[GenerateSerializer, Alias("ppipe.CohortLifecycleException")]
public sealed class CohortLifecycleException(string message) : Exception(message);
