using PPipe.Grains.Assessment;
using PPipe.Grains.Enrollments.Policies;
using PPipe.Grains.Interfaces.Assessment;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Grains.Interfaces.Roster;
using static PPipe.Grains.Tests.Enrollments.Policies.PolicyScenario;

namespace PPipe.Grains.Tests.Enrollments.Policies;

public sealed class ProgressReportTests
{
    [Fact]
    public void Of_BatchesScoredWithAndWithoutSubmissions_EachCountedDue()
    {
        BatchOutcome[] batches =
        [
            new() { Seq = 1, Scored = true },
            new() { Seq = 2, Submissions = 1, LastOnTimeAt = WallAt(Day(2.1)), Scored = true },
            new() { Seq = 3, Submissions = 2, LastLateAt = WallAt(Day(3.6)), Scored = true, CountedLate = true },
            new() { Seq = 4, Submissions = 1, LastOnTimeAt = WallAt(Day(4.1)) },
        ];
        FetchRecord[] fetches = [new(1, WallAt(Hours(1)), "api"), new(2, WallAt(Day(1.2)), "bucket")];
        var grade = new GradeReport(0.2, "NotYetProficient", [], WallAt(Day(4.2)));

        var progress = ProgressReport.Of("ada", fetches, batches, endpointUp: true, grade);

        var expected = new StudentProgress("ada", [], 0.2, "NotYetProficient", true, OnTimeBatches: 1, DueBatches: 3, SubmittedBatches: 3, WallAt(Day(1.2)));
        Assert.Equal(expected, progress with { FetchedReleases = expected.FetchedReleases, CriterionScores = expected.CriterionScores });
        Assert.Equal([1, 2], progress.FetchedReleases);
    }

    [Fact]
    public void Of_NothingYet_UngradedAndNothingDue()
    {
        var progress = ProgressReport.Of("ada", [], [], endpointUp: null, new GradeReport(null, null, [], StartsAt));

        var expected = new StudentProgress("ada", []);
        Assert.Equal(expected, progress with { FetchedReleases = expected.FetchedReleases, CriterionScores = expected.CriterionScores });
        Assert.Empty(progress.FetchedReleases);
    }

    [Fact]
    public void Of_GradedCriteria_EachJudgedCriterionScoreReported()
    {
        var grade = new GradeReport(0.6, "Proficient",
        [
            new CriterionGrade("acquisition", 1, 0.8, "Advanced", ""),
            new CriterionGrade("endpointQuality", 1, null, null, "No endpoint yet."),
            new CriterionGrade("batchQuality", 2, 0.5, "Proficient", ""),
        ], WallAt(Day(3)));

        var progress = ProgressReport.Of("ada", [], [], endpointUp: null, grade);

        Assert.Equal([new CriterionScore("acquisition", 0.8), new CriterionScore("batchQuality", 0.5)], progress.CriterionScores);
    }

    [Theory]
    [InlineData(true, true, 4.9, false)]
    [InlineData(true, true, 5.0, true)]
    [InlineData(false, true, 0.1, true)]
    [InlineData(null, true, 0.1, true)]
    public void IsDueAfterProbes_EndpointStateOrInterval_ReportedAtOnceOrAfterFiveSeconds(bool? up, bool? reportedUp, double secondsSince, bool expected)
    {
        var reportedAt = WallAt(Day(2));

        var due = ProgressReport.IsDueAfterProbes(up, reportedUp, reportedAt, reportedAt + TimeSpan.FromSeconds(secondsSince));

        Assert.Equal(expected, due);
    }
}
