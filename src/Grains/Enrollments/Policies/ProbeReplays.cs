using PPipe.Grains.Assessment;

namespace PPipe.Grains.Enrollments.Policies;

/// <summary>
/// Which scheduled probes are followed by a replay: one slot in each run of <see cref="Every"/> slots, which one drawn from
/// the enrollment's seed and the run (so a student cannot tell which from the schedule, every student is checked as often,
/// and a repeated tick decides the same), and only while the cohort's rubric weighs reproducibility and the latest answered
/// probe named the version that answered the reference probe (<see cref="ReproducibilityRecord.Reference"/>), an earlier slot.
/// </summary>
internal static class ProbeReplays
{
    public const int Every = 6;

    /// <summary>The earlier slot whose rows to send again after probing <paramref name="slot"/>; null for no replay.</summary>
    public static long? ReplayOf(bool graded, ulong seed, long slot, ReproducibilityRecord? record) =>
        graded && record is { Reference: { } reference, LastVersion: { } version }
            && reference.Version == version && reference.RowSlot < slot && IsDrawn(seed, slot)
            ? reference.RowSlot
            : null;

    /// <summary>Whether <paramref name="slot"/> is the one drawn in its run of <see cref="Every"/> slots (SplitMix64 of the seed and the run).</summary>
    public static bool IsDrawn(ulong seed, long slot)
    {
        var z = seed + ((ulong)(slot / Every) * 0x9E3779B97F4A7C15UL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (long)(z % Every) == slot % Every;
    }
}
