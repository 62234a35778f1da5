using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Grains.Interfaces.Credentials;

namespace PPipe.Grains.Credentials;

/// <summary>
/// One entry of the bucket access-key index. Bucket requests are rare beside polling, so the entry leaves memory once
/// written or read, and the bucket facade asks it on every request: a revoked key is refused from the next request on,
/// on every front end.
/// </summary>
internal sealed class BucketKeyGrain(
    [PersistentState("bucket-key", StorageNames.Default)] IPersistentState<BucketKeyState> state) : Grain, IBucketKeyGrain
{
    public async Task<bool> BindAsync(EnrollmentKey enrollment, string secretAccessKey)
    {
        if (state.State.Key is { } bound)
        {
            return bound.Enrollment == enrollment && bound.SecretAccessKey == secretAccessKey && !state.State.Revoked;
        }

        state.State.Key = new BucketKey(enrollment, secretAccessKey);
        await this.WriteOrDeactivateAsync(state);
        DeactivateOnIdle();
        return true;
    }

    public Task<BucketKey?> ResolveAsync()
    {
        DeactivateOnIdle();
        return Task.FromResult(state.State.Revoked ? null : state.State.Key);
    }

    public async Task RevokeAsync()
    {
        if (state.State.Key is not null && !state.State.Revoked)
        {
            state.State.Revoked = true;
            await this.WriteOrDeactivateAsync(state);
        }

        DeactivateOnIdle();
    }
}
