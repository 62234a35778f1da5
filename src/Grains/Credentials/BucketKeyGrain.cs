using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Grains.Interfaces.Credentials;

namespace PPipe.Grains.Credentials;

/// <summary>
/// One entry of the bucket access-key index. Bucket requests are rare beside polling and the front end
/// caches what it resolves, so the entry leaves memory once written or read.
/// </summary>
internal sealed class BucketKeyGrain(
    [PersistentState("bucket-key", StorageNames.Default)] IPersistentState<BucketKeyState> state) : Grain, IBucketKeyGrain
{
    public async Task<bool> BindAsync(EnrollmentKey enrollment, string secretAccessKey)
    {
        if (state.State.Key is { } bound)
        {
            return bound.Enrollment == enrollment && bound.SecretAccessKey == secretAccessKey;
        }

        state.State.Key = new BucketKey(enrollment, secretAccessKey);
        await this.WriteOrDeactivateAsync(state);
        DeactivateOnIdle();
        return true;
    }

    public Task<BucketKey?> ResolveAsync()
    {
        DeactivateOnIdle();
        return Task.FromResult(state.State.Key);
    }
}
