using System.Collections.Immutable;
using PPipe.Grains.Interfaces.Research;

namespace PPipe.Grains.Research;

internal sealed class CohortStaffGrain([PersistentState("cohortStaff", StorageNames.Default)] IPersistentState<CohortStaffState> state)
    : Grain, ICohortStaffGrain
{
    public Task<ImmutableArray<string>> GetAsync() => Task.FromResult(state.State.UserNames.ToImmutableArray());

    public async Task<ImmutableArray<string>> SetAsync(ImmutableArray<string> userNames)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(userNames.Length, ICohortStaffGrain.MaxStaff, nameof(userNames));
        state.State.UserNames = [.. userNames.Distinct(StringComparer.Ordinal)];
        await this.WriteOrDeactivateAsync(state);
        return [.. state.State.UserNames];
    }
}
