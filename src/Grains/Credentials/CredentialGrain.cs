using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Grains.Interfaces.Credentials;

namespace PPipe.Grains.Credentials;

/// <summary>
/// One entry of the token index. Read once per front end cache period per token, so it does not stay
/// in memory between reads: an activation costs more than reading the entry again when it is needed.
/// </summary>
internal sealed class CredentialGrain(
    [PersistentState("credential", StorageNames.Default)] IPersistentState<CredentialState> state) : Grain, ICredentialGrain
{
    public async Task<bool> BindAsync(EnrollmentKey enrollment)
    {
        if (state.State.Enrollment is { } bound)
        {
            return bound == enrollment && !state.State.Revoked;
        }

        state.State.Enrollment = enrollment;
        await this.WriteOrDeactivateAsync(state);
        DeactivateOnIdle();
        return true;
    }

    public Task<EnrollmentKey?> ResolveAsync()
    {
        DeactivateOnIdle();
        return Task.FromResult(state.State.Revoked ? null : state.State.Enrollment);
    }

    public async Task RevokeAsync()
    {
        if (state.State.Enrollment is null)
        {
            return;
        }

        if (!state.State.Revoked)
        {
            state.State.Revoked = true;
            await this.WriteOrDeactivateAsync(state);
        }

        // Published on every call, not only the first: when publishing failed after the write, the caller's retry is
        // what gets the front ends told.
        await GrainFactory.GetGrain<IRevocationFeedGrain>(IRevocationFeedGrain.Key).PublishAsync([this.GetPrimaryKeyString()]);
    }
}
