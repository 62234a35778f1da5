using PPipe.Grains.Enrollments.Policies;
using PPipe.Grains.Interfaces.Credentials;
using PPipe.Grains.Interfaces.Enrollments;

namespace PPipe.Grains.Enrollments;

/// <summary>
/// The instructors' changes to a student's place in the cohort: new credentials (a re-issued token), removal and a reset
/// of progress. Each is safe to send again after a failure part way: what is already done is done again or skipped,
/// and the rest completes.
/// </summary>
internal sealed partial class EnrollmentGrain
{
    public async Task<DateTimeOffset?> RemoveAsync()
    {
        if (Record.Student is null)
        {
            return null;
        }

        if (Record.RemovedAt is null)
        {
            // Recorded first: from here on nothing ticks, probes or notifies, whatever fails next.
            Record.RemovedAt = time.GetUtcNow();
            Record.WebhookPending.Clear();
            _handedOut.Clear();
            await SaveAsync();
        }

        wakeups.Cancel(this.GetGrainId());
        if (await this.GetReminder(ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        // Again on every call: a removal sent again after a failure finishes telling the front ends.
        await RevokeAsync(Record.CredentialKey, Record.Bucket);
        if (Record.CalendarSecret is { } calendar)
        {
            await CalendarFeed(calendar).RevokeAsync();
        }

        return Record.RemovedAt;
    }

    public async Task<DateTimeOffset?> ResetProgressAsync()
    {
        if (Record is not { Student: not null, Cohort: not null, RemovedAt: null })
        {
            return null;
        }

        var at = await RefreshAsync();

        // The stored submissions go first: a reset that fails part way is sent again, and until it is recorded below the
        // enrollment still knows which batches it submitted to.
        await Task.WhenAll(Record.Batches.Where(b => b.Submissions > 0).Select(b => Submissions(_key, b.Seq).ClearAsync()));
        Record.ResetProgress(at.Now, at.Elapsed, ProbeSchedule.FirstAfterReset(at.Schedule, at.Elapsed));
        _handedOut.Clear();
        await SaveAsync();

        // What is already due for a student starting now (batches closed before the reset score nothing, the probe of
        // the current slot) is done at once, and the roster page hears of the fresh start.
        _reportedAt = DateTimeOffset.MinValue;
        await TickAsync();
        return Record.ProgressResetAt;
    }

    /// <summary>
    /// Revokes the current token and bucket keys and gives the enrollment new bucket keys (the caller records the new
    /// token). The old ones die before the new ones are recorded: a failure part way leaves the student with nothing that
    /// works rather than two sets, and the re-issue sent again completes it.
    /// </summary>
    private async Task ReplaceCredentialsAsync()
    {
        var bucket = await NewBucketKeysAsync();
        await RevokeAsync(Record.CredentialKey, Record.Bucket);
        Record.Bucket = bucket;
    }

    /// <summary>New bucket keys for this enrollment, bound in the key index.</summary>
    private async Task<BucketCredentials> NewBucketKeysAsync()
    {
        var bucket = new BucketCredentials(BucketKeys.BucketOf(_key), BucketKeys.NewAccessKeyId(), BucketKeys.NewSecret());
        if (!await GrainFactory.GetGrain<IBucketKeyGrain>(BucketKeys.GrainKeyOf(bucket.AccessKeyId)).BindAsync(_key, bucket.SecretAccessKey))
        {
            throw new InvalidOperationException("A freshly generated bucket access key collided with an existing one.");
        }

        return bucket;
    }

    /// <summary>Revokes a token (every front end forgets it before this returns) and bucket keys.</summary>
    private Task RevokeAsync(string credentialKey, BucketCredentials? bucket) => Task.WhenAll(
        string.IsNullOrEmpty(credentialKey) ? Task.CompletedTask : GrainFactory.GetGrain<ICredentialGrain>(credentialKey).RevokeAsync(),
        bucket is null ? Task.CompletedTask : GrainFactory.GetGrain<IBucketKeyGrain>(BucketKeys.GrainKeyOf(bucket.AccessKeyId)).RevokeAsync());
}
