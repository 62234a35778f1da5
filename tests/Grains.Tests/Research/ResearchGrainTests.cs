using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Grains.Interfaces.Research;
using PPipe.Grains.Tests.Infrastructure;
using PPipe.TestSupport;
using static PPipe.Grains.Tests.Enrollments.TestEnrollments;

namespace PPipe.Grains.Tests.Research;

/// <summary>
/// What research exports keep and read in grains, on the cluster's clock (a scenario day is a wall second): a study's secret made
/// once and kept, a cohort's staff, and a student's evidence added up by scenario day.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ResearchGrainTests(ClusterFixture fixture)
{
    private const double Speed = 86_400;

    /// <summary>Three releases (days 1, 2, 3) and three batches due at noon of each day; no endpoint.</summary>
    private const string Spec = """
        template: taxi-fares
        duration: 3d
        releases: {first: 0d, cadence: 1d, rows: 10, channel: api}
        batches: {first: 0d, cadence: 1d, rows: 10, dueAfter: 12h, labelDelay: 1h, late: {policy: reject}}
        endpoint: {enabled: false}
        drift: []
        quirks: []
        grading: {criteria: {acquisition: 1, punctuality: 1}}
        """;

    [Fact]
    public async Task StudySecret_MadeOnFirstUse_SameAfterDeactivationAndOtherForAnotherStudy()
    {
        var study = fixture.Client.GetGrain<IStudyKeyGrain>(IStudyKeyGrain.KeyOfStudy(TestCohorts.NewId("study-")));
        var other = fixture.Client.GetGrain<IStudyKeyGrain>(IStudyKeyGrain.KeyOfCohort(TestCohorts.NewId("c-")));

        var first = await study.GetSecretAsync();
        await fixture.Cluster.DeactivateAsync(study);
        var again = await study.GetSecretAsync();
        var another = await other.GetSecretAsync();

        Assert.Equal(32, first.Length);
        Assert.Equal(first, again);
        Assert.NotEqual(first, another);
    }

    [Fact]
    public async Task Staff_SetWithDuplicates_KeptOnceInOrderAfterDeactivation()
    {
        var staff = fixture.Client.GetGrain<ICohortStaffGrain>(TestCohorts.NewId("c-"));

        var empty = await staff.GetAsync();
        var set = await staff.SetAsync(["bea", "ada", "bea"]);
        await fixture.Cluster.DeactivateAsync(staff);

        Assert.Empty(empty);
        Assert.Equal(["bea", "ada"], set);
        Assert.Equal(["bea", "ada"], await staff.GetAsync());
    }

    [Fact]
    public async Task ResearchRecord_FetchesAndMissedBatches_CountedOnTheirScenarioDaysAndScoredZero()
    {
        var startsAt = fixture.Clock.UtcNow + Lead;
        var scenarioId = await TestCohorts.UploadScenarioAsync(fixture.Client, Spec);
        var (_, students) = await TestCohorts.CreateAsync(fixture.Client, scenarioId, startsAt, Speed, [TestCohorts.Student("ada")]);
        var enrollment = fixture.Client.GetGrain<IEnrollmentGrain>(students[0].Key.ToString());
        await fixture.AdvanceToAsync(At(startsAt, 0.1));
        await enrollment.RecordFetchAsync(1, "api");
        var dayOne = await enrollment.GetGradeAsync();
        await fixture.AdvanceToAsync(At(startsAt, 1.2));
        await enrollment.RecordFetchAsync(2, "api");
        var dayTwo = await enrollment.GetGradeAsync();

        await fixture.AdvanceToAsync(At(startsAt, 1.8));
        var record = await enrollment.GetResearchRecordAsync();

        Assert.NotNull(record);
        Assert.False(record.Removed);
        // Each fetch reports the student's progress: the overall grade reported that day is the day's grade over time.
        Assert.Equal(
            [
                new ActivityDay(1, 1, 1, 0, 0, 1, 0, 0, 0, dayOne.OverallScore, dayOne.OverallLevel),
                new ActivityDay(2, 1, 1, 0, 0, 1, 0, 0, 0, dayTwo.OverallScore, dayTwo.OverallLevel),
            ],
            record.Days);
        Assert.NotNull(dayTwo.OverallLevel);
        Assert.Equal(record.Grade.Criteria.Select(c => c.Name), (await enrollment.GetGradeAsync()).Criteria.Select(c => c.Name));
    }

    [Fact]
    public async Task ResearchRecord_NoSuchEnrollment_Null()
    {
        var enrollment = fixture.Client.GetGrain<IEnrollmentGrain>(new EnrollmentKey(TestCohorts.NewId("c-"), "nobody").ToString());

        Assert.Null(await enrollment.GetResearchRecordAsync());
    }

    private static DateTimeOffset At(DateTimeOffset startsAt, double days) => startsAt + TimeSpan.FromDays(days) / Speed;
}
