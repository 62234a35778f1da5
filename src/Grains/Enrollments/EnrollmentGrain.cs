using System.Security.Cryptography;
using PPipe.Grains.Credentials;
using PPipe.Grains.Roster;

namespace PPipe.Grains.Enrollments;

public sealed partial class EnrollmentGrain(
    [PersistentState("enrollment", StorageNames.Default)] IPersistentState<EnrollmentState> state,
    TimeProvider time) : Grain, IEnrollmentGrain
{
    public async Task InitializeAsync(EnrollmentInit init)
    {
        var record = state.State;
        var previousCredential = record.Student is null ? null : record.CredentialKey;
        if (record.Student is null)
        {
            var key = EnrollmentKey.Parse(this.GetPrimaryKeyString());
            record.Seed = BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8));
            var bucket = new BucketCredentials(BucketKeys.BucketOf(key), BucketKeys.NewAccessKeyId(), BucketKeys.NewSecret());
            if (!await GrainFactory.GetGrain<IBucketKeyGrain>(BucketKeys.GrainKeyOf(bucket.AccessKeyId)).BindAsync(key, bucket.SecretAccessKey))
            {
                throw new InvalidOperationException("A freshly generated bucket access key collided with an existing one.");
            }

            record.Bucket = bucket;
            record.EnrolledAt = init.EnrolledAt;
        }

        record.Student = init.Student;
        record.Cohort = init.Cohort;
        record.CredentialKey = init.CredentialKey;
        await SaveAsync();

        if (previousCredential is not null && previousCredential != init.CredentialKey)
        {
            await GrainFactory.GetGrain<ICredentialGrain>(previousCredential).RevokeAsync();
        }
    }

    public Task<EnrollmentSnapshot?> GetAsync()
    {
        var record = state.State;
        if (record.Student is null || record.Cohort is null || record.Bucket is null)
        {
            return Task.FromResult<EnrollmentSnapshot?>(null);
        }

        return Task.FromResult<EnrollmentSnapshot?>(new EnrollmentSnapshot(
            EnrollmentKey.Parse(this.GetPrimaryKeyString()),
            record.Student,
            record.Cohort,
            record.Seed,
            record.EnrolledAt,
            record.Bucket,
            record.WebhookUrl,
            record.EndpointUrl,
            [.. record.Fetches],
            [.. record.WebhookAttempts]));
    }

    public async Task<bool> RecordFetchAsync(int seq, string channel)
    {
        if (state.State.Fetches.Exists(f => f.Seq == seq))
        {
            return false;
        }

        state.State.Fetches.Add(new FetchRecord(seq, time.GetUtcNow(), channel));
        await SaveAsync();
        await ReportProgressAsync();
        return true;
    }

    public Task<StudentProgress?> GetProgressAsync() => Task.FromResult(Progress());

    private StudentProgress? Progress() => state.State.Student is { } student
        ? new StudentProgress(student.StudentId, [.. state.State.Fetches.Select(f => f.Seq)])
        : null;

    private Task ReportProgressAsync()
    {
        var key = EnrollmentKey.Parse(this.GetPrimaryKeyString());
        return GrainFactory.GetGrain<IRosterPageGrain>(RosterPages.KeyOf(key.CohortId, RosterPages.PageOf(key.StudentId)))
            .ReportAsync(Progress()!);
    }

    public async Task<string> SetWebhookAsync(string url)
    {
        var secret = "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        state.State.WebhookUrl = url;
        state.State.WebhookSecret = secret;
        await SaveAsync();
        return secret;
    }

    /// <summary>
    /// Writes the state; when that fails, memory no longer matches storage, so the activation is
    /// dropped and the next call starts again from what is durable.
    /// </summary>
    private async Task SaveAsync()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }
}
