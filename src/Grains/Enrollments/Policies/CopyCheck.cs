using System.Collections.Immutable;
using PPipe.Grains.Interfaces.Assessment;
using PPipe.Scenarios;
using PPipe.Scenarios.Assessment;

namespace PPipe.Grains.Enrollments.Policies;

/// <summary>
/// Decides a scored batch's copy check: the band signatures of the counted predictions spread over the shards of the
/// batch's signature index, which students sharing enough of them are worth verifying (a bounded number, most shared
/// first), and whether a verified pair agrees far enough beyond chance to flag.
/// </summary>
internal static class CopyCheck
{
    /// <summary>Shards of a batch's signature index; each student's bands spread over them.</summary>
    public const int Shards = 8;

    /// <summary>Shared band signatures that make another student a candidate worth verifying.</summary>
    public const int MinSharedBands = 3;

    /// <summary>Candidates verified per batch, so a crowd sharing signatures costs a bounded amount.</summary>
    public const int MaxChecks = 5;

    /// <summary>The key of one shard of the signature index of a batch of a cohort.</summary>
    public static string ShardKey(string cohortId, int seq, int shard) => $"{cohortId}/{seq}/{shard}";

    /// <summary>The predictions' band signatures by the shard that indexes them; shards without any are left out.</summary>
    public static IReadOnlyDictionary<int, ImmutableArray<BandHash>> ShardsOf(ScenarioTask task, BatchPredictions predictions) =>
        CopyDetection.Bands(task, predictions)
            .GroupBy(b => (int)(b.Hash % Shards))
            .ToDictionary(g => g.Key, g => g.Select(b => new BandHash(b.Band, b.Hash)).ToImmutableArray());

    /// <summary>
    /// The students to verify, from what each shard said they share: those sharing at least
    /// <see cref="MinSharedBands"/> signatures in all, most shared first (then by id), at most <see cref="MaxChecks"/>.
    /// </summary>
    public static IReadOnlyList<string> Candidates(IEnumerable<IReadOnlyDictionary<string, int>> sharedByShard)
    {
        var shared = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var found in sharedByShard)
        {
            foreach (var (student, count) in found)
            {
                shared[student] = shared.GetValueOrDefault(student) + count;
            }
        }

        return [.. shared.Where(s => s.Value >= MinSharedBands)
            .OrderByDescending(s => s.Value).ThenBy(s => s.Key, StringComparer.Ordinal)
            .Take(MaxChecks)
            .Select(s => s.Key)];
    }

    /// <summary>
    /// How far another student's counted predictions for the same batch agree with <paramref name="mine"/> when that
    /// is suspicious; null when it is not, or when theirs do not cover the same rows.
    /// </summary>
    public static double? Suspicion(ScenarioTask task, BatchPredictions mine, BatchSubmission theirs)
    {
        if (theirs.Predictions.Length != mine.Count)
        {
            return null;
        }

        var agreement = CopyDetection.Agreement(task, mine, new BatchPredictions(mine.Ids, theirs.Predictions, theirs.Probabilities));
        return CopyDetection.IsSuspicious(agreement) ? agreement : null;
    }
}
