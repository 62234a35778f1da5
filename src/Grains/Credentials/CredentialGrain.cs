using PPipe.Grains.Enrollments;

namespace PPipe.Grains.Credentials;

public sealed class CredentialGrain(
    [PersistentState("credential", StorageNames.Default)] IPersistentState<CredentialState> state) : Grain, ICredentialGrain
{
    public async Task<bool> BindAsync(EnrollmentKey enrollment)
    {
        if (state.State.Enrollment is { } bound)
        {
            return bound == enrollment && !state.State.Revoked;
        }

        state.State.Enrollment = enrollment;
        await state.WriteStateAsync();
        return true;
    }

    public Task<EnrollmentKey?> ResolveAsync() =>
        Task.FromResult(state.State.Revoked ? null : state.State.Enrollment);

    public async Task RevokeAsync()
    {
        if (state.State.Enrollment is null || state.State.Revoked)
        {
            return;
        }

        state.State.Revoked = true;
        await state.WriteStateAsync();
    }
}
