using PPipe.Grains.Assessment;
using PPipe.Grains.Interfaces.Assessment;
using PPipe.Grains.Interfaces.Probes;
using PPipe.Scenarios;

namespace PPipe.Assessment.Tests.Assessment;

/// <summary>
/// Reproducibility: matching predictions, the bounded record of replays and resubmissions, and the opt-in criterion on
/// taxi-fares (endpoint from day 3; a student who deploys has answered probes by day 4).
/// </summary>
public sealed class ReproducibilityTests
{
    private static readonly Scenario Scenario = TestSpecs.Read("template: taxi-fares\ngrading: {criteria: {batchQuality: 1, reproducibility: 1}}");

    private static readonly StudentBehaviour Diligent = new();

    [Theory]
    [InlineData(12.5, 12.5, true)]
    [InlineData(12.5, 12.500001, true)]
    [InlineData(12.5, 12.5001, false)]
    [InlineData(0.25, 0.2500004, true)]
    [InlineData(0.25, 0.26, false)]
    [InlineData(1, 2, false)]
    [InlineData(1e9, 1e9 + 100, true)]
    [InlineData(double.NaN, double.NaN, true)]
    public void Same_TwoValues_EqualWithinAMillionthOfTheirSize(double earlier, double now, bool same)
    {
        Assert.Equal(same, PredictionMatch.Same(earlier, now));
    }

    [Fact]
    public void Compare_Samples_CountsTheValuesThatDiffer()
    {
        Assert.Equal((2, 4), PredictionMatch.Compare([1, 2, 3, 4], [1, 2.5, 3, 5]));
        Assert.Equal((1, 3), PredictionMatch.Compare([1, 2, 3], [1, 2]));
    }

    [Fact]
    public void Compare_Submissions_ARowDiffersByItsLabelOrItsProbability()
    {
        var earlier = new BatchSubmission([0, 1, 1, 0], [0.1, 0.9, 0.8, 0.3]);
        var now = new BatchSubmission([0, 1, 0, 0], [0.1, 0.9, 0.4, 0.35]);

        Assert.Equal((2, 4), PredictionMatch.Compare(earlier, now));
        Assert.Equal((1, 4), PredictionMatch.Compare(earlier, now with { Probabilities = null }));
    }

    [Fact]
    public void RecordReplay_SameVersionSamePredictions_AMatch()
    {
        var record = Referenced("v1", 4, [1, 2, 3]);

        Assert.True(record.RecordReplay(4, Replay(10, "v1", [1, 2, 3]), Day(3)));

        Assert.Equal((1, 1), (record.ProbeChecks, record.ProbeMatches));
        Assert.Empty(record.FirstMismatches);
    }

    [Fact]
    public void RecordReplay_SameVersionOtherPredictions_AMismatchNamingWhatDiffered()
    {
        var record = Referenced("v1", 4, [1, 2, 3]);

        record.RecordReplay(4, Replay(10, "v1", [1, 2.5, 3.5]), Day(12.5));

        Assert.Equal((1, 0), (record.ProbeChecks, record.ProbeMatches));
        Assert.Equal([new ReproducibilityMismatch(null, Day(12.5), "v1", 2, 3)], record.FirstMismatches);
    }

    [Fact]
    public void RecordReplay_VersionChangedMeanwhile_NoCheck()
    {
        var record = Referenced("v1", 4, [1, 2, 3]);

        Assert.False(record.RecordReplay(4, Replay(10, "v2", [7, 8, 9]), Day(3)));
        Assert.False(record.RecordReplay(4, Replay(11, null, [7, 8, 9]), Day(3)));

        Assert.Equal(0, record.Checks);
    }

    [Fact]
    public void RecordReplay_ReportedTwice_CountedOnce()
    {
        var record = Referenced("v1", 4, [1, 2, 3]);

        record.RecordReplay(4, Replay(10, "v1", [1, 2, 3]), Day(3));
        record.RecordReplay(4, Replay(10, "v1", [1, 2, 3]), Day(3));

        Assert.Equal(1, record.ProbeChecks);
    }

    [Fact]
    public void RecordResubmission_ManyMismatches_KeepsTheFirstThreeAndCountsTheRest()
    {
        var record = new ReproducibilityRecord();

        for (var batch = 1; batch <= 5; batch++)
        {
            record.RecordResubmission(batch, Day(batch), "v1", (batch, 500));
        }

        Assert.Equal((5, 0), (record.BatchChecks, record.BatchMatches));
        Assert.Equal([1, 2, 3], record.FirstMismatches.Select(m => m.Batch));
    }

    [Fact]
    public void Reproducibility_EveryCheckMatched_FullScore()
    {
        var record = Referenced("v1", 4, [1, 2]);
        record.RecordReplay(4, Replay(10, "v1", [1, 2]), Day(5));
        record.RecordReplay(4, Replay(16, "v1", [1, 2]), Day(6));
        record.RecordResubmission(6, Day(6.5), "v1", (0, 500));

        var grade = Grade(Day(8), record);

        Assert.Equal(1, grade.Score);
        Assert.Equal("3 of 3 checks gave the same predictions: 2 of 2 probe replays matched and 1 of 1 resubmission matched.", grade.Feedback);
    }

    [Fact]
    public void Reproducibility_ReplaysThatDiffer_ShareMatchedAndTheFirstMismatchesNamed()
    {
        var record = Referenced("v3", 4, [1, 2]);
        record.RecordReplay(4, Replay(10, "v3", [1, 2]), Day(10));
        record.RecordReplay(4, Replay(16, "v3", [1, 2.5]), Day(11.5));
        record.RecordResubmission(12, Day(12.5), "v3", (120, 500));
        record.RecordReplay(4, Replay(22, "v3", [1, 2]), Day(13));

        var grade = Grade(Day(14), record);

        Assert.Equal(0.5, grade.Score);
        Assert.Equal("2 of 4 checks gave the same predictions: 2 of 3 probe replays matched and 0 of 1 resubmission matched. " +
            "Probe replay on day 12 under version v3: 1 of 2 predictions differ. " +
            "Resubmission of batch 12 on day 13 under version v3: 120 of 500 predictions differ. " +
            "Load the model once, fix every random seed, predict without sampling or dropout, and give every retrained model a new version.", grade.Feedback);
    }

    [Fact]
    public void Reproducibility_FewerChecksThanTheFloor_NotJudgedSayingHowMany()
    {
        var record = Referenced("v1", 4, [1, 2]);
        record.RecordReplay(4, Replay(10, "v1", [1, 3]), Day(5));

        var grade = Grade(Day(6), record);

        Assert.Null(grade.Score);
        Assert.Equal("Judged from 3 checks on; 1 check was made so far: 0 of 1 probe replay matched. " +
            "Probe replay on day 6 under version v1: 1 of 2 predictions differ.", grade.Feedback);
    }

    [Fact]
    public void Reproducibility_FewerChecksThanTheFloorAtTheEnd_JudgedOnThoseMade()
    {
        var record = Referenced("v1", 4, [1, 2]);
        record.RecordReplay(4, Replay(10, "v1", [1, 2]), Day(5));

        Assert.Equal(1, Grade(Scenario.Duration, record).Score);
    }

    [Fact]
    public void Reproducibility_NoModelNamed_CannotBeCheckedWithoutNamingIt()
    {
        var before = Grade(Day(0.5), null, named: false);
        var after = Grade(Day(6), null, named: false);

        Assert.Null(before.Score);
        Assert.StartsWith("Reproducibility cannot be checked without naming the model: name the model in every answer of your endpoint", before.Feedback, StringComparison.Ordinal);
        Assert.Equal(0, after.Score);
        Assert.StartsWith("No answer or submission of yours named a model. Reproducibility cannot be checked without naming the model:", after.Feedback, StringComparison.Ordinal);
    }

    [Fact]
    public void Reproducibility_ModelNamedNoCheckYet_NotJudged()
    {
        var grade = Grade(Day(6), new ReproducibilityRecord());

        Assert.Null(grade.Score);
        Assert.StartsWith("No check yet. Now and then a probe re-sends rows your endpoint answered earlier", grade.Feedback, StringComparison.Ordinal);
    }

    private static ReproducibilityRecord Referenced(string version, long slot, double[] predictions)
    {
        var record = new ReproducibilityRecord();
        record.ObserveAnswer(Replay(slot, version, predictions));
        return record;
    }

    private static ProbeResult Replay(long slot, string? version, double[] predictions) =>
        new(slot, 1, DateTimeOffset.UnixEpoch, TimeSpan.Zero, true, 200, 5, null, null, predictions.Length, null,
            version is null ? null : new ModelStamp(version, 1, null), null, predictions);

    private static CriterionGrade Grade(TimeSpan at, ReproducibilityRecord? record, bool named = true) =>
        Grader.Grade(SyntheticStudent.Input(Scenario, Diligent, at) with { Reproducibility = record, Lineage = named ? Named() : null })
            .Criteria.Single(c => c.Name == "reproducibility");

    private static ModelLineage Named()
    {
        var lineage = new ModelLineage();
        lineage.Observe(new ModelStamp("v1", 1, null), new ModelSighting(Day(3), null, 3, 3, 4));
        return lineage;
    }

    private static TimeSpan Day(double days) => TimeSpan.FromDays(days);
}
