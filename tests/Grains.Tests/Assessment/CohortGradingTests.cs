using System.Collections.Immutable;
using PPipe.Grains.Interfaces.Cohorts;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Grains.Interfaces.Roster;
using PPipe.Grains.Tests.Infrastructure;
using PPipe.TestSupport;
using static PPipe.Grains.Tests.Enrollments.TestEnrollments;

namespace PPipe.Grains.Tests.Assessment;

/// <summary>
/// A cohort's grading policy through the enrollment grain, on the cluster's clock (a scenario day is a wall second): the
/// same student in a cohort graded by the weighted mean and in one graded all-proficient.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class CohortGradingTests(ClusterFixture fixture)
{
    private const double Speed = 86_400;

    /// <summary>Three releases and three batches; acquisition weighs three times punctuality, and late work is refused.</summary>
    private const string Spec = """
        template: taxi-fares
        duration: 3d
        releases: {first: 0d, cadence: 1d, rows: 10, channel: api}
        batches: {first: 0d, cadence: 1d, rows: 10, dueAfter: 12h, labelDelay: 1h, late: {policy: reject}}
        endpoint: {enabled: false}
        drift: []
        quirks: []
        grading: {criteria: {acquisition: 3, punctuality: 1}}
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Grade_EveryReleaseFetchedNoBatchSubmitted_AdvancedByTheMean_CappedByPunctualityUnderAllProficient()
    {
        var startsAt = fixture.Clock.UtcNow + Lead;
        var scenarioId = await TestCohorts.UploadScenarioAsync(fixture.Client, Spec);
        var (meanCohort, mean) = await TestCohorts.CreateAsync(fixture.Client, scenarioId, startsAt, Speed, [TestCohorts.Student("ada")]);
        var (cappedCohort, capped) = await TestCohorts.CreateAsync(fixture.Client, scenarioId, startsAt, Speed, [TestCohorts.Student("bea")]);
        // Set after Bea enrolled: her enrollment holds the cohort as it was then, and must grade by the new rule all the same.
        await fixture.Client.GetGrain<ICohortGrain>(cappedCohort).SetGradingAsync(new CohortGrading("all-proficient", ImmutableDictionary<string, double>.Empty));
        for (var seq = 1; seq <= 3; seq++)
        {
            await fixture.AdvanceToAsync(At(startsAt, seq - 1 + 0.1));
            await Enrollment(mean[0].Key).RecordFetchAsync(seq, "api");
            await Enrollment(capped[0].Key).RecordFetchAsync(seq, "api");
        }

        await fixture.AdvanceToAsync(At(startsAt, 3));
        var meanGrade = await Enrollment(mean[0].Key).GetGradeAsync();
        var cappedGrade = await Enrollment(capped[0].Key).GetGradeAsync();

        Assert.Equal([(1.0, "Expert"), (0.0, "NotYetProficient")], meanGrade.Criteria.Select(c => (c.Score!.Value, c.Level)));
        Assert.Equal(meanGrade.Criteria, cappedGrade.Criteria);
        Assert.Equal((0.75, "Advanced", null), (meanGrade.OverallScore, meanGrade.OverallLevel, meanGrade.OverallFeedback));
        Assert.Equal((0.75, "NotYetProficient"), (cappedGrade.OverallScore, cappedGrade.OverallLevel));
        Assert.Equal(
            "Overall level capped at NotYetProficient by punctuality (NotYetProficient): this course requires every criterion at least Proficient.",
            cappedGrade.OverallFeedback);
        Assert.Equal("Advanced", (await ProgressAsync(meanCohort, "ada", p => p.Level is not null)).Level);
        Assert.Equal("NotYetProficient", (await ProgressAsync(cappedCohort, "bea", p => p.Level is not null)).Level);
    }

    [Fact]
    public async Task Grade_CohortSwitchesACriterionOff_OnlyTheOtherGraded()
    {
        var startsAt = fixture.Clock.UtcNow + Lead;
        var scenarioId = await TestCohorts.UploadScenarioAsync(fixture.Client, Spec);
        var (_, students) = await TestCohorts.CreateAsync(fixture.Client, scenarioId, startsAt, Speed, [TestCohorts.Student("cal")],
            grading: new CohortGrading("all-proficient", ImmutableDictionary<string, double>.Empty.Add("punctuality", 0)));
        await fixture.AdvanceToAsync(At(startsAt, 0.1));
        await Enrollment(students[0].Key).RecordFetchAsync(1, "api");

        await fixture.AdvanceToAsync(At(startsAt, 3));
        var grade = await Enrollment(students[0].Key).GetGradeAsync();

        var acquisition = Assert.Single(grade.Criteria);
        Assert.Equal(("acquisition", 1.0), (acquisition.Name, acquisition.Weight));
        Assert.Equal((acquisition.Score, acquisition.Level, null), (grade.OverallScore, grade.OverallLevel, grade.OverallFeedback));
    }

    private IEnrollmentGrain Enrollment(EnrollmentKey key) => fixture.Client.GetGrain<IEnrollmentGrain>(key.ToString());

    /// <summary>The progress a student's enrollment last pushed to their roster page, once it satisfies <paramref name="done"/>.</summary>
    private Task<StudentProgress> ProgressAsync(string cohortId, string studentId, Func<StudentProgress, bool> done) =>
        Eventually.ReturnsAsync(
            async () => (await fixture.Client.GetGrain<IRosterPageGrain>(RosterPages.KeyOf(cohortId, RosterPages.PageOf(studentId))).ChangesAsync(Guid.Empty, 0))
                .Rows.Single(r => r.StudentId == studentId).Progress,
            done, $"{studentId}'s progress on the roster page", cancellationToken: Ct);

    private static DateTimeOffset At(DateTimeOffset startsAt, double days) => startsAt + TimeSpan.FromDays(days) / Speed;
}
