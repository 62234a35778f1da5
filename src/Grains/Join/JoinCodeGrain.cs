using PPipe.Grains.Interfaces.Join;

namespace PPipe.Grains.Join;

/// <summary>One join code's cohort. Read once per join request, so the activation leaves memory after each call.</summary>
internal sealed class JoinCodeGrain(
    [PersistentState("join-code", StorageNames.Default)] IPersistentState<JoinCodeState> state) : Grain, IJoinCodeGrain
{
    public async Task<bool> BindAsync(string cohortId)
    {
        if (state.State.CohortId is { } bound)
        {
            return bound == cohortId;
        }

        state.State.CohortId = cohortId;
        await this.WriteOrDeactivateAsync(state);
        return true;
    }

    public Task<string?> CohortAsync()
    {
        DeactivateOnIdle();
        return Task.FromResult(state.State.CohortId);
    }
}
