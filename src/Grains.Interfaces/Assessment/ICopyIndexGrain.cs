using System.Collections.Immutable;

namespace PPipe.Grains.Interfaces.Assessment;

/// <summary>
/// One shard of the band-signature index of one batch of one cohort, keyed <c>{cohortId}/{seq}/{shard}</c>:
/// students register the signatures of their counted predictions and learn who else shares them, so copies
/// are found without comparing every pair of students. Kept in memory: it only finds candidates, which the
/// enrollments then verify against the stored predictions.
/// </summary>
[Alias("ppipe.ICopyIndexGrain")]
public interface ICopyIndexGrain : IGrainWithStringKey
{
    /// <summary>Adds a student's signatures (of this shard) and returns the other students sharing each, with a count.</summary>
    [Alias("Register")]
    Task<ImmutableDictionary<string, int>> RegisterAsync(string studentId, ImmutableArray<BandHash> bands);
}
