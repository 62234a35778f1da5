using PPipe.Grains.Assessment;
using PPipe.Grains.Interfaces.Assessment;
using PPipe.Scenarios;

namespace PPipe.Assessment.Tests.Assessment;

/// <summary>
/// The lineage criterion on taxi-fares: daily releases from day 0 (release n is due at n − 1 days and holds the day
/// before), a concept change at 14d, so release 16 (out at 15d) is the first with data from after it and the change is
/// judged from 17d; batch n is submitted at n days 11 h, due an hour later.
/// </summary>
public sealed class LineageCriterionTests
{
    private static readonly Scenario Scenario = TestSpecs.Read("template: taxi-fares\ngrading: {criteria: {batchQuality: 1, lineage: 1}}");

    private static readonly StudentBehaviour RetrainsAfterTwoDays = new() { AdaptsAfter = TimeSpan.FromDays(2) };

    private static readonly StudentBehaviour NeverRetrains = new() { AdaptsAfter = null };

    [Fact]
    public void Lineage_RetrainedClaimedAndBetter_FullCreditNamingTheVersionAndTheRise()
    {
        var lineage = Lineage(("v1", 1, Day(3), 3), ("v2", 16, Day(16), 16));

        var grade = Grade(RetrainsAfterTwoDays, Day(20), lineage);

        Assert.Equal(1, grade.Score);
        Assert.Equal("After the concept change on day 15 you switched to version v2, trained through release 16, on day 17, and batch quality rose from 0.00 to 1.00.", grade.Feedback);
    }

    [Fact]
    public void Lineage_VersionNeverChanged_NoCredit_SaysWhichReleaseWasNeeded()
    {
        var grade = Grade(NeverRetrains, Day(20), Lineage(("v1", 1, Day(3), 3)));

        Assert.Equal(0, grade.Score);
        Assert.Equal("After the concept change on day 15 no new model version claimed training through release 16 or later, the first with data from after it. " +
            "Retrain on the releases with data from after a change as soon as they appear, and name the new model with a new version and its trainedThrough.", grade.Feedback);
    }

    [Fact]
    public void Lineage_ClaimedButNoBetter_HalfCredit()
    {
        var grade = Grade(NeverRetrains, Day(20), Lineage(("v1", 1, Day(3), 3), ("v2", 16, Day(16), 16)));

        Assert.Equal(ClaimOnly, grade.Score);
        Assert.EndsWith("on day 17, but batch quality did not rise (0.00 before it, 0.00 after): check that the retrained model is the one answering.", grade.Feedback, StringComparison.Ordinal);
    }

    [Fact]
    public void Lineage_BeforeTheChangeIsOver_NotJudgedAndNothingNamed()
    {
        var grade = Grade(RetrainsAfterTwoDays, Day(16.9), Lineage(("v1", 1, Day(3), 3), ("v2", 16, Day(16), 16)));

        Assert.Null(grade.Score);
        Assert.Equal("Nothing to judge yet: lineage is judged once the world has changed and a retrained model has had time to show.", grade.Feedback);
    }

    [Fact]
    public void Lineage_NoneReported_NotYetThenZero_SayingHowToNameTheModel()
    {
        var early = Grade(RetrainsAfterTwoDays, Day(10), null);
        var late = Grade(RetrainsAfterTwoDays, Day(20), null);

        Assert.Null(early.Score);
        Assert.StartsWith("Nothing to judge yet. No answer or submission of yours has named a model: name the model in every answer", early.Feedback, StringComparison.Ordinal);
        Assert.Equal(0, late.Score);
        Assert.StartsWith("No answer or submission of yours named a model, so retraining after the concept change on day 15 cannot be credited: name the model in every answer " +
            "of your endpoint and every JSON submission (\"model\": {\"version\": \"v4\", \"trainedThrough\": 12}", late.Feedback, StringComparison.Ordinal);
    }

    [Fact]
    public void Lineage_FlaggedClaim_NotCreditedAndCostsItsShare()
    {
        var lineage = Lineage(("v1", 1, Day(3), 3), ("v2", 16, Day(16), 16), ("v3", 30, Day(18), 18));

        var grade = Grade(RetrainsAfterTwoDays, Day(20), lineage);

        Assert.Equal(Math.Round(2 / 3.0, 4), grade.Score);
        Assert.EndsWith("Version v3 claims training through release 30, which had not been released when it was first seen (day 19). " +
            "Flagged versions (1 of 3) cost 33% of this score: claim only releases you had fetched, and give each model its own version.", grade.Feedback, StringComparison.Ordinal);
    }

    [Fact]
    public void Lineage_ClaimOfDataNotFetched_IsNoRetraining()
    {
        var grade = Grade(RetrainsAfterTwoDays, Day(20), Lineage(("v1", 1, Day(3), 3), ("v2", 16, Day(16), 15)));

        Assert.Equal(0, grade.Score);
        Assert.Contains("no new model version claimed training through release 16 or later", grade.Feedback, StringComparison.Ordinal);
        Assert.Contains("Version v2 claims training through release 16, but you had fetched 15 releases when it was first seen (day 17).", grade.Feedback, StringComparison.Ordinal);
    }

    [Fact]
    public void Lineage_NothingAnsweredBetweenTheChangeAndTheNewVersion_JudgedOnItsQualityAlone()
    {
        var behaviour = RetrainsAfterTwoDays with { Deploys = false };
        var input = SyntheticStudent.Input(Scenario, behaviour, Day(20));
        input = input with { Batches = [.. input.Batches.Where(b => b.Seq is not (14 or 15))], Lineage = Lineage(("v1", 1, Day(3), 3), ("v2", 16, Day(16), 16)) };

        var grade = Lineage(input);

        Assert.Equal(1, grade.Score);
        Assert.EndsWith("on day 17; nothing was answered between the change and it to compare with, and its batch quality is 1.00.", grade.Feedback, StringComparison.Ordinal);
    }

    [Fact]
    public void Lineage_ChangeBeforeAReset_NotJudged()
    {
        var lineage = Lineage(("v2", 16, Day(16), 16));
        lineage.From = Day(15);

        Assert.Null(Grade(RetrainsAfterTwoDays, Day(20), lineage).Score);
    }

    private static double ClaimOnly => LineageCriterion.ClaimCredit;

    /// <summary>A lineage of versions first seen in probe answers: name, trainedThrough, when, and the highest release fetched by then.</summary>
    private static ModelLineage Lineage(params (string Version, int TrainedThrough, TimeSpan At, int Fetched)[] versions)
    {
        var lineage = new ModelLineage();
        foreach (var (version, trainedThrough, at, fetched) in versions)
        {
            // Releases are daily from day 0: by scenario time t, release ⌊t⌋ + 1 is out.
            lineage.Observe(new ModelStamp(version, trainedThrough, null), new ModelSighting(at, null, fetched, fetched, (int)at.TotalDays + 1));
        }

        return lineage;
    }

    private static CriterionGrade Grade(StudentBehaviour behaviour, TimeSpan at, ModelLineage? lineage) =>
        Lineage(SyntheticStudent.Input(Scenario, behaviour, at) with { Lineage = lineage });

    private static CriterionGrade Lineage(GradingInput input) => Grader.Grade(input).Criteria.Single(c => c.Name == "lineage");

    private static TimeSpan Day(double days) => TimeSpan.FromDays(days);
}
