using System.Collections.Immutable;
using PPipe.Grains.Interfaces.Roster;

namespace PPipe.Grains.Interfaces.Join;

/// <summary>
/// One of a cohort's <see cref="JoinAllowlists.Pages"/> allowlist shards, keyed <c>{cohortId}/a{n}</c>: the students
/// (id, name, address) who may join through the cohort's join link when it has an allowlist, by normalized address.
/// </summary>
[Alias("ppipe.IJoinAllowlistGrain")]
public interface IJoinAllowlistGrain : IGrainWithStringKey
{
    /// <summary>The most students one shard holds.</summary>
    public const int MaxStudents = 5_000;

    /// <summary>Replaces this shard's students with <paramref name="students"/> (their addresses normalized, all of this shard).</summary>
    [Alias("Replace")]
    Task ReplaceAsync(ImmutableArray<RosterRow> students);

    /// <summary>The student with this normalized address, or null.</summary>
    [Alias("Find")]
    Task<RosterRow?> FindAsync(string address);
}
