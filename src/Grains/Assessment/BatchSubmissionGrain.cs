using PPipe.Grains.Interfaces.Assessment;

namespace PPipe.Grains.Assessment;

internal sealed class BatchSubmissionGrain(
    [PersistentState("batch-submission", StorageNames.Default)] IPersistentState<BatchSubmissionState> state) : Grain, IBatchSubmissionGrain
{
    public async Task StoreAsync(StoredSubmission submission)
    {
        if (submission.Late)
        {
            state.State.LastLate = submission;
        }
        else
        {
            state.State.LastOnTime = submission;
        }

        await this.WriteOrDeactivateAsync(state);

        // Read again only when the batch is scored or checked for copies: no reason to stay in memory.
        DeactivateOnIdle();
    }

    public async Task ClearAsync()
    {
        if (state.State.LastOnTime is not null || state.State.LastLate is not null)
        {
            state.State.LastOnTime = null;
            state.State.LastLate = null;
            await state.ClearStateAsync();
        }

        DeactivateOnIdle();
    }

    public Task<StoredSubmission?> GetCountedAsync()
    {
        DeactivateOnIdle();
        return Task.FromResult(state.State.LastOnTime ?? state.State.LastLate);
    }
}
