using System.Collections.Immutable;
using PPipe.Grains.Interfaces.Assessment;

namespace PPipe.Grains.Assessment;

internal sealed class CohortFlagsGrain(
    [PersistentState("cohort-flags", StorageNames.Default)] IPersistentState<CohortFlagsState> state) : Grain, ICohortFlagsGrain
{
    public const int Capacity = 2_000;

    public async Task FlagAsync(CopyFlag flag)
    {
        var flags = state.State.Flags;
        if (flags.Exists(f => f.Batch == flag.Batch && SamePair(f, flag)))
        {
            return;
        }

        flags.Add(flag);
        if (flags.Count > Capacity)
        {
            flags.RemoveRange(0, flags.Count - Capacity);
        }

        await this.WriteOrDeactivateAsync(state);
    }

    public Task<ImmutableArray<CopyFlag>> ListAsync() =>
        Task.FromResult(state.State.Flags.AsEnumerable().Reverse().ToImmutableArray());

    private static bool SamePair(CopyFlag a, CopyFlag b) =>
        (a.StudentId == b.StudentId && a.OtherStudentId == b.OtherStudentId)
        || (a.StudentId == b.OtherStudentId && a.OtherStudentId == b.StudentId);
}
