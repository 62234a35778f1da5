namespace PPipe.Grains.Interfaces.Join;

/// <summary>The index from a join code to its cohort, keyed by the code; written once when the code is made, never changed.</summary>
[Alias("ppipe.IJoinCodeGrain")]
public interface IJoinCodeGrain : IGrainWithStringKey
{
    /// <summary>Binds this code to <paramref name="cohortId"/>; false when it belongs to another cohort (a code drawn twice).</summary>
    [Alias("Bind")]
    Task<bool> BindAsync(string cohortId);

    /// <summary>The cohort of this code, or null for a code never made.</summary>
    [Alias("Cohort")]
    Task<string?> CohortAsync();
}
