using System.Collections.Immutable;

namespace PPipe.Grains.Interfaces.Research;

/// <summary>
/// The instructors' accounts that teach one cohort, keyed by the cohort id: an account with the Instructor role (and not Admin)
/// may export the cohort's research data only when its user name is listed here. A leaf.
/// </summary>
[Alias("ppipe.ICohortStaffGrain")]
public interface ICohortStaffGrain : IGrainWithStringKey
{
    /// <summary>The most accounts one cohort lists.</summary>
    public const int MaxStaff = 50;

    /// <summary>The listed user names (normalized: trimmed, lower case), in the order they were given.</summary>
    [Alias("Get")]
    Task<ImmutableArray<string>> GetAsync();

    /// <summary>Replaces the list (validated by the caller: at most <see cref="MaxStaff"/> normalized names); durable when it returns.</summary>
    [Alias("Set")]
    Task<ImmutableArray<string>> SetAsync(ImmutableArray<string> userNames);
}
