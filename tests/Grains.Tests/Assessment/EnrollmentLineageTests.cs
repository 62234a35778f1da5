using PPipe.Grains.Interfaces.Assessment;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Grains.Interfaces.Probes;
using PPipe.Grains.Tests.Infrastructure;
using static PPipe.Grains.Tests.Enrollments.TestEnrollments;

namespace PPipe.Grains.Tests.Assessment;

/// <summary>
/// Model lineage through the enrollment grain, on the cluster's clock: a scenario day is a wall second. Releases come daily
/// from day 0 (release n at n − 1 days), the concept changes at 10d, so release 12 (out at 11d) is the first with data
/// from after it, and the change is judged from 13d. Probes are reported as a probe worker reports them, each with the
/// quality of the model that answered: the true concept's before the change and for a retrained model, the stale one's after.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class EnrollmentLineageTests(ClusterFixture fixture)
{
    private const double Speed = 86_400;

    private const string Spec = """
        template: taxi-fares
        duration: 20d
        batches: {enabled: false}
        endpoint: {from: 1d, probeInterval: 1h}
        drift:
          - {at: 10d, kind: concept, mode: abrupt, effects: {base: 4}}
        quirks: []
        grading: {criteria: {acquisition: 1, lineage: 1}}
        """;

    [Fact]
    public async Task Lineage_RetrainedAfterTheChangeClaimedAndBetter_ScoresAboveAStudentWhoNeverChangedVersion()
    {
        var retrains = await StudentAsync();
        var stays = await StudentAsync();

        await fixture.AdvanceToAsync(At(retrains.StartsAt, 8));
        foreach (var student in (Student[])[retrains, stays])
        {
            await FetchUpToAsync(student, 9);
            await AnswerAsync(student, "v1", 9, stale: false, 8);
        }

        await fixture.AdvanceToAsync(At(retrains.StartsAt, 11.9));
        foreach (var student in (Student[])[retrains, stays])
        {
            await FetchUpToAsync(student, 12);
            await AnswerAsync(student, "v1", 9, stale: true, 10.5, 11, 11.5);
        }

        await fixture.AdvanceToAsync(At(retrains.StartsAt, 14.5));
        await AnswerAsync(retrains, "v2", 12, stale: false, 12.25, 12.5, 13, 13.5, 14);
        await AnswerAsync(stays, "v1", 9, stale: true, 12.25, 12.5, 13, 13.5, 14);
        var retrained = await LineageGradeAsync(retrains);
        var stayed = await LineageGradeAsync(stays);
        var lineage = await retrains.Enrollment.GetLineageAsync();

        Assert.Equal(1, retrained.Score);
        Assert.Equal("After the concept change on day 11 you switched to version v2, trained through release 12, on day 13, and endpoint quality rose from 0.00 to 1.00.", retrained.Feedback);
        Assert.Equal(0, stayed.Score);
        Assert.StartsWith("After the concept change on day 11 no new model version claimed training through release 12 or later", stayed.Feedback, StringComparison.Ordinal);
        Assert.Equal(
            [("v1", 9, TimeSpan.FromDays(8), TimeSpan.FromDays(11.5), 4, 9), ("v2", 12, TimeSpan.FromDays(12.25), TimeSpan.FromDays(14), 5, 12)],
            lineage.Versions.Select(v => (v.Version, v.TrainedThrough, v.FirstSeen, v.LastSeen, v.Answers, v.FetchedWhenFirstSeen)));
        Assert.All(lineage.Versions, v => Assert.Empty(v.Flags));
    }

    [Fact]
    public async Task Lineage_ClaimOfAReleaseNotFetched_Flagged_KeptAcrossActivations_ClearedByAReset()
    {
        var student = await StudentAsync();
        await fixture.AdvanceToAsync(At(student.StartsAt, 11.9));
        await FetchUpToAsync(student, 10);

        await AnswerAsync(student, "v2", 12, stale: false, 12.25);
        await fixture.Cluster.DeactivateAsync(student.Enrollment);
        var kept = await student.Enrollment.GetLineageAsync();
        await student.Enrollment.ResetProgressAsync();
        var reset = await student.Enrollment.GetLineageAsync();

        var version = Assert.Single(kept.Versions);
        Assert.Equal(("v2", 10), (version.Version, version.FetchedWhenFirstSeen));
        Assert.Equal([ModelFlag.UnfetchedData], version.Flags);
        Assert.Empty(reset.Versions);
    }

    [Fact]
    public async Task Lineage_ProbeReportedTwice_CountedOnce()
    {
        var student = await StudentAsync();
        await fixture.AdvanceToAsync(At(student.StartsAt, 2.5));
        await FetchUpToAsync(student, 3);
        ProbeResult[] probe = [Answer(student, "v1", 2, stale: false, 2.5)];

        await student.Enrollment.RecordProbesAsync([.. probe]);
        await student.Enrollment.RecordProbesAsync([.. probe]);

        Assert.Equal(1, (await student.Enrollment.GetLineageAsync()).Versions.Single().Answers);
    }

    private async Task<Student> StudentAsync()
    {
        var startsAt = fixture.Clock.UtcNow + Lead;
        var (enrollment, _) = await EnrollAsync(fixture.Client, Spec, startsAt, Speed);
        return new Student(enrollment, startsAt);
    }

    /// <summary>Fetches releases 1 to <paramref name="last"/> now (those fetched before keep their first fetch).</summary>
    private static async Task FetchUpToAsync(Student student, int last)
    {
        for (var seq = 1; seq <= last; seq++)
        {
            await student.Enrollment.RecordFetchAsync(seq, "api");
        }
    }

    /// <summary>Reports one answered probe per scenario day given, by <paramref name="version"/>.</summary>
    private static Task AnswerAsync(Student student, string version, int trainedThrough, bool stale, params double[] days) =>
        student.Enrollment.RecordProbesAsync([.. days.Select(day => Answer(student, version, trainedThrough, stale, day))]);

    private static ProbeResult Answer(Student student, string version, int trainedThrough, bool stale, double day)
    {
        var at = TimeSpan.FromDays(day);
        var slot = (long)((at - TimeSpan.FromDays(1)) / TimeSpan.FromHours(1));
        var quality = new ProbeQuality(20, double.NaN, stale ? 2.0 : 1.0, OracleLoss: 1.0, StaleLoss: day < 10 ? 1.0 : 2.0);
        return new ProbeResult(slot, 1, student.StartsAt + at / Speed, at, true, 200, 5, null, null, 20, quality, new ModelStamp(version, trainedThrough, null));
    }

    private static async Task<CriterionGrade> LineageGradeAsync(Student student) =>
        (await student.Enrollment.GetGradeAsync()).Criteria.Single(c => c.Name == "lineage");

    private static DateTimeOffset At(DateTimeOffset startsAt, double days) => startsAt + TimeSpan.FromDays(days) / Speed;

    private sealed record Student(IEnrollmentGrain Enrollment, DateTimeOffset StartsAt);
}
