namespace PPipe.Grains.Interfaces.Assessment;

/// <summary>
/// The stored predictions of one enrollment for one batch, keyed <c>{cohortId}/{studentId}/{seq}</c>. It keeps
/// only what can still count: the last on-time submission and the last late one, so its size is bounded by
/// the batch, whatever the submission limit. Only the enrollment grain writes it.
/// </summary>
[Alias("ppipe.IBatchSubmissionGrain")]
public interface IBatchSubmissionGrain : IGrainWithStringKey
{
    /// <summary>Stores a submission durably (replacing the previous one of the same timing).</summary>
    [Alias("Store")]
    Task StoreAsync(StoredSubmission submission);

    /// <summary>The submission that counts: the last on-time one, else the last late one; null when none.</summary>
    [Alias("GetCounted")]
    Task<StoredSubmission?> GetCountedAsync();

    /// <summary>Forgets both submissions (the student's progress was reset).</summary>
    [Alias("Clear")]
    Task ClearAsync();
}
