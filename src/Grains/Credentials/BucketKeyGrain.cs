using PPipe.Grains.Enrollments;

namespace PPipe.Grains.Credentials;

public sealed class BucketKeyGrain(
    [PersistentState("bucket-key", StorageNames.Default)] IPersistentState<BucketKeyState> state) : Grain, IBucketKeyGrain
{
    public async Task<bool> BindAsync(EnrollmentKey enrollment, string secretAccessKey)
    {
        if (state.State.Key is { } bound)
        {
            return bound.Enrollment == enrollment && bound.SecretAccessKey == secretAccessKey;
        }

        state.State.Key = new BucketKey(enrollment, secretAccessKey);
        await state.WriteStateAsync();
        return true;
    }

    public Task<BucketKey?> ResolveAsync() => Task.FromResult(state.State.Key);
}
