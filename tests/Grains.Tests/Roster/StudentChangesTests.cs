using PPipe.Grains.Client.Cohorts;
using PPipe.Grains.Client.Roster;
using PPipe.Grains.Interfaces.Assessment;
using PPipe.Grains.Interfaces.Credentials;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Grains.Interfaces.Roster;
using static PPipe.Grains.Tests.Roster.RosterTestCohorts;

namespace PPipe.Grains.Tests.Roster;

/// <summary>
/// An instructor's changes to one student, as the roster and the student see them: a re-issued token comes with new
/// bucket keys; a removed student's token and keys die, their enrollment stops and they count nowhere, but their data
/// stays and they cannot be enrolled again by a roster; a reset student starts again, token kept.
/// </summary>
[Collection(RosterClusterCollection.Name)]
public sealed class StudentChangesTests(RosterClusterFixture fixture)
{
    private RosterEnrollment Roster => new(fixture.Client);

    [Fact]
    public async Task ReissueToken_EnrolledStudent_NewBucketKeysForTheSameBucketAndTheOldKeysRevoked()
    {
        var (_, cohortId) = await CreateAsync(fixture.Client, fixture.Clock.GetUtcNow().AddDays(1), "ada");
        var enrollment = Enrollment(fixture.Client, cohortId, "ada");
        var before = (await enrollment.GetAsync())!.Bucket;

        await Roster.ReissueTokenAsync(cohortId, "ada");
        var after = (await enrollment.GetAsync())!.Bucket;

        Assert.Equal(before.Bucket, after.Bucket);
        Assert.NotEqual(before.AccessKeyId, after.AccessKeyId);
        Assert.NotEqual(before.SecretAccessKey, after.SecretAccessKey);
        Assert.Null(await BucketKey(before).ResolveAsync());
        Assert.Equal(new BucketKey(new EnrollmentKey(cohortId, "ada"), after.SecretAccessKey), await BucketKey(after).ResolveAsync());
    }

    [Fact]
    public async Task Remove_EnrolledStudent_TokenAndBucketKeysDieAndTheStudentCountsNowhereButStaysOnTheRoster()
    {
        var (cohort, cohortId) = await CreateAsync(fixture.Client, fixture.Clock.GetUtcNow().AddDays(1), "bea", "cal");
        var token = await TokenOfAsync(cohortId, "bea");
        var bucket = (await Enrollment(fixture.Client, cohortId, "bea").GetAsync())!.Bucket;

        var removal = await Roster.RemoveAsync(cohortId, "bea");

        Assert.Equal(new StudentRemoval("bea", fixture.Clock.GetUtcNow(), AlreadyRemoved: false), removal);
        Assert.Null(await Credential(token).ResolveAsync());
        Assert.Null(await BucketKey(bucket).ResolveAsync());
        Assert.Equal(1, (await cohort.GetAsync())!.Enrolled);
        Assert.Equal(1, (await new CohortSummaries(fixture.Client, fixture.Clock).SummarizeAsync(cohortId, 0)).Enrolled);
        Assert.Equal(removal!.RemovedAt, (await Enrollment(fixture.Client, cohortId, "bea").GetAsync())!.RemovedAt);
        var entry = Assert.Single(await PageOf(fixture.Client, cohortId, "bea").ListAsync(), e => e.StudentId == "bea");
        Assert.True(entry.IsRemoved);
        var row = Assert.Single((await PageOf(fixture.Client, cohortId, "bea").ChangesAsync(Guid.Empty, 0)).Rows, r => r.StudentId == "bea");
        Assert.Equal(removal.RemovedAt, row.RemovedAt);
    }

    [Fact]
    public async Task Remove_Twice_TheSecondIsAnsweredAsAlreadyRemovedWithTheFirstTime()
    {
        var (_, cohortId) = await CreateAsync(fixture.Client, fixture.Clock.GetUtcNow().AddDays(1), "dan");
        var first = await Roster.RemoveAsync(cohortId, "dan");
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));

        var second = await Roster.RemoveAsync(cohortId, "dan");

        Assert.Equal(first! with { AlreadyRemoved = true }, second);
    }

    [Fact]
    public async Task Remove_UnknownStudentOrCohort_Null()
    {
        var (_, cohortId) = await CreateAsync(fixture.Client, fixture.Clock.GetUtcNow().AddDays(1), "eve");

        Assert.Null(await Roster.RemoveAsync(cohortId, "nobody"));
        Assert.Null(await Roster.RemoveAsync("c-" + Guid.NewGuid().ToString("N")[..12], "eve"));
    }

    [Fact]
    public async Task Remove_BeforeABatchCloses_TheEnrollmentNoLongerScoresProbesOrReports()
    {
        var startsAt = fixture.Clock.GetUtcNow() - TimeSpan.FromMinutes(1.2); // batch 1 open, closing at 1.75
        var (_, cohortId) = await CreateAsync(fixture.Client, startsAt, "fay");
        var enrollment = Enrollment(fixture.Client, cohortId, "fay");
        await Roster.RemoveAsync(cohortId, "fay");

        fixture.Clock.SetUtcNow(startsAt + TimeSpan.FromMinutes(1.8));
        await enrollment.TickAsync();
        await enrollment.ReportProgressAsync();

        Assert.All(await enrollment.GetBatchesAsync(), b => Assert.False(b.Scored));
        Assert.Equal(0, (await PageOf(fixture.Client, cohortId, "fay").SummarizeAsync(0)).DueBatches);
    }

    [Fact]
    public async Task Enroll_RosterWithARemovedStudent_RefusedNamingTheRowAndNobodyEnrolled()
    {
        var (cohort, cohortId) = await CreateAsync(fixture.Client, fixture.Clock.GetUtcNow().AddDays(1), "gus");
        await Roster.RemoveAsync(cohortId, "gus");

        var outcomes = (await Roster.EnrollAsync(cohortId, [new(1, Row("hal")), new(2, Row("gus"))]))!.Value;

        var refused = Assert.Single(outcomes);
        Assert.Equal((2, "gus"), (refused.Row, refused.StudentId));
        Assert.Contains("was removed from this cohort", refused.Error);
        Assert.Null(await Enrollment(fixture.Client, cohortId, "hal").GetAsync());
        Assert.Equal(0, (await cohort.GetAsync())!.Enrolled);
    }

    [Fact]
    public async Task ReissueToken_RemovedStudent_NullAndNothingWorks()
    {
        var (_, cohortId) = await CreateAsync(fixture.Client, fixture.Clock.GetUtcNow().AddDays(1), "ivy");
        var token = await TokenOfAsync(cohortId, "ivy");
        await Roster.RemoveAsync(cohortId, "ivy");

        var reissued = await Roster.ReissueTokenAsync(cohortId, "ivy");

        Assert.Null(reissued);
        Assert.Null(await Credential(token).ResolveAsync());
    }

    [Fact]
    public async Task ResetProgress_StudentWhoFetchedAndSubmitted_StartsAgainWithTheSameToken()
    {
        var startsAt = fixture.Clock.GetUtcNow() - TimeSpan.FromMinutes(1.2); // batch 1 open until 1.5, accepting 2 submissions
        var (_, cohortId) = await CreateAsync(fixture.Client, startsAt, "jan");
        var token = await TokenOfAsync(cohortId, "jan");
        var enrollment = Enrollment(fixture.Client, cohortId, "jan");
        var page = PageOf(fixture.Client, cohortId, "jan");
        await enrollment.RecordFetchAsync(1, "webhook");
        Assert.Equal(SubmissionStatus.Accepted, (await enrollment.SubmitPredictionsAsync(1, Predictions())).Status);
        Assert.Equal(SubmissionStatus.Accepted, (await enrollment.SubmitPredictionsAsync(1, Predictions())).Status);
        var overLimit = await enrollment.SubmitPredictionsAsync(1, Predictions());
        await PageSummaryAsync(page, s => s.FetchedAny == 1);

        var resetAt = await enrollment.ResetProgressAsync();
        var snapshot = (await enrollment.GetAsync())!;
        var batch = (await enrollment.GetBatchesAsync()).Single(b => b.Seq == 1);
        var stored = await fixture.Client.GetGrain<IBatchSubmissionGrain>($"{cohortId}/jan/1").GetCountedAsync();
        var afterReset = await PageSummaryAsync(page, s => s.FetchedAny == 0);
        var again = await enrollment.SubmitPredictionsAsync(1, Predictions());

        Assert.Equal(SubmissionStatus.LimitReached, overLimit.Status);
        Assert.Equal(fixture.Clock.GetUtcNow(), resetAt);
        Assert.Equal(resetAt, snapshot.ProgressResetAt);
        Assert.Empty(snapshot.Fetches);
        Assert.Equal(0, batch.Submissions);
        Assert.Null(stored);
        Assert.Equal(1, afterReset.Enrolled);
        Assert.Equal(SubmissionStatus.Accepted, again.Status);
        Assert.Equal(new EnrollmentKey(cohortId, "jan"), await Credential(token).ResolveAsync());
    }

    [Fact]
    public async Task ResetProgress_AfterABatchClosed_ThatBatchScoresNothingAsForAStudentJoiningNow()
    {
        var startsAt = fixture.Clock.GetUtcNow() - TimeSpan.FromMinutes(1.2);
        var (_, cohortId) = await CreateAsync(fixture.Client, startsAt, "kim");
        var enrollment = Enrollment(fixture.Client, cohortId, "kim");
        Assert.Equal(SubmissionStatus.Accepted, (await enrollment.SubmitPredictionsAsync(1, Predictions())).Status);
        fixture.Clock.SetUtcNow(startsAt + TimeSpan.FromMinutes(1.6)); // batch 1 is due (1.5) with an on-time submission: scored
        await enrollment.TickAsync();
        Assert.NotNull((await enrollment.GetBatchesAsync()).Single(b => b.Seq == 1).Score);

        await enrollment.ResetProgressAsync();
        var batch = (await enrollment.GetBatchesAsync()).Single(b => b.Seq == 1);

        Assert.Equal((0, (double?)null), (batch.Submissions, batch.Score));
    }

    [Fact]
    public async Task ResetProgress_RemovedOrUnknownStudent_NullAndNothingChanges()
    {
        var (_, cohortId) = await CreateAsync(fixture.Client, fixture.Clock.GetUtcNow().AddDays(1), "lea");
        await Roster.RemoveAsync(cohortId, "lea");

        Assert.Null(await Enrollment(fixture.Client, cohortId, "lea").ResetProgressAsync());
        Assert.Null(await Enrollment(fixture.Client, cohortId, "nobody").ResetProgressAsync());
        Assert.Null((await Enrollment(fixture.Client, cohortId, "lea").GetAsync())!.ProgressResetAt);
    }

    /// <summary>The student's current token, as the roster sent again answers it.</summary>
    private async Task<string> TokenOfAsync(string cohortId, string student) =>
        Assert.Single((await Roster.EnrollAsync(cohortId, [new(1, Row(student))]))!.Value).Token!;

    private ICredentialGrain Credential(string token) => fixture.Client.GetGrain<ICredentialGrain>(StudentToken.KeyOf(token));

    private IBucketKeyGrain BucketKey(BucketCredentials bucket) => fixture.Client.GetGrain<IBucketKeyGrain>(BucketKeys.GrainKeyOf(bucket.AccessKeyId));

    /// <summary>A prediction for each of a batch's 40 rows.</summary>
    private static BatchSubmission Predictions() => new([.. Enumerable.Repeat(20.0, 40)], null);
}
