using PPipe.Scenarios;

namespace PPipe.Assessment.Tests.Assessment;

/// <summary>A course's own grading: its weights within the scenario's rubric, and what each policy makes of the criteria's levels.</summary>
public sealed class CourseGradingTests
{
    private static readonly Rubric Scenario = new(
        [
            new CriterionWeight(Criterion.Acquisition, 0.25),
            new CriterionWeight(Criterion.BatchQuality, 0.5),
            new CriterionWeight(Criterion.Punctuality, 0.25),
        ],
        new LevelThresholds(0.5, 0.7, 0.85));

    [Fact]
    public void WithWeights_OneCriterionWeighedAnew_OthersKeepTheirsAndAllAreNormalised()
    {
        var rubric = Scenario.WithWeights(new Dictionary<Criterion, double> { [Criterion.Punctuality] = 1.25 });

        Assert.Equal(
            [new CriterionWeight(Criterion.Acquisition, 0.125), new CriterionWeight(Criterion.BatchQuality, 0.25), new CriterionWeight(Criterion.Punctuality, 0.625)],
            rubric!.Criteria);
        Assert.Equal(Scenario.Levels, rubric.Levels);
    }

    [Fact]
    public void WithWeights_Zero_SwitchesTheCriterionOff()
    {
        var rubric = Scenario.WithWeights(new Dictionary<Criterion, double> { [Criterion.BatchQuality] = 0 });

        Assert.Equal([new CriterionWeight(Criterion.Acquisition, 0.5), new CriterionWeight(Criterion.Punctuality, 0.5)], rubric!.Criteria);
        Assert.Equal(0, rubric.WeightOf(Criterion.BatchQuality));
    }

    [Fact]
    public void WithWeights_EveryCriterionZero_Null()
    {
        var weights = Scenario.Criteria.ToDictionary(c => c.Criterion, _ => 0.0);

        Assert.Null(Scenario.WithWeights(weights));
    }

    [Theory]
    [InlineData(Criterion.Monitoring, 1)]
    [InlineData(Criterion.Punctuality, -0.5)]
    [InlineData(Criterion.Punctuality, double.PositiveInfinity)]
    [InlineData(Criterion.Punctuality, double.NaN)]
    public void WithWeights_CriterionNotAssessedOrWeightNotAWeight_Refused(Criterion criterion, double weight)
    {
        Assert.Throws<ArgumentException>(() => Scenario.WithWeights(new Dictionary<Criterion, double> { [criterion] = weight }));
    }

    [Fact]
    public void LevelOf_WeightedMean_TheMeansLevelWhateverTheCriteria()
    {
        var grading = new CourseGrading(Scenario, GradingPolicy.WeightedMean);

        var level = grading.LevelOf(0.775, Scores(acquisition: 1, batchQuality: 0.95, punctuality: 0.2));

        Assert.Equal(GradeLevel.Advanced, level.Level);
        Assert.False(level.IsCapped);
    }

    [Fact]
    public void LevelOf_AllProficientOneWeakCriterion_CappedAtItsLevelAndNamed()
    {
        var grading = new CourseGrading(Scenario, GradingPolicy.AllProficient);

        var level = grading.LevelOf(0.775, Scores(acquisition: 1, batchQuality: 0.95, punctuality: 0.2));

        Assert.Equal(GradeLevel.NotYetProficient, level.Level);
        Assert.Equal([Criterion.Punctuality], level.CappedBy);
    }

    [Fact]
    public void LevelOf_AllProficientSeveralAtTheLowestLevel_NamesEachInRubricOrder()
    {
        var grading = new CourseGrading(Scenario, GradingPolicy.AllProficient);

        var level = grading.LevelOf(0.8, Scores(acquisition: 0.6, batchQuality: 1, punctuality: 0.55));

        Assert.Equal(GradeLevel.Proficient, level.Level);
        Assert.Equal([Criterion.Acquisition, Criterion.Punctuality], level.CappedBy);
    }

    [Fact]
    public void LevelOf_AllProficientEveryCriterionAtTheMeansLevelOrAbove_NotCapped()
    {
        var grading = new CourseGrading(Scenario, GradingPolicy.AllProficient);

        var level = grading.LevelOf(0.8, Scores(acquisition: 0.7, batchQuality: 0.9, punctuality: 0.7));

        Assert.Equal(GradeLevel.Advanced, level.Level);
        Assert.False(level.IsCapped);
    }

    [Fact]
    public void LevelOf_AllProficientWeakCriterionNotJudgedYet_Ignored()
    {
        var grading = new CourseGrading(Scenario, GradingPolicy.AllProficient);

        var level = grading.LevelOf(0.9, new Dictionary<Criterion, double> { [Criterion.Acquisition] = 0.9, [Criterion.BatchQuality] = 0.9 });

        Assert.Equal(GradeLevel.Expert, level.Level);
        Assert.False(level.IsCapped);
    }

    [Fact]
    public void Policies_ApiSpellings_RoundTrip()
    {
        Assert.All(Enum.GetValues<GradingPolicy>(), policy => Assert.Equal(policy, CourseGrading.Policies[CourseGrading.NameOf(policy)]));
        Assert.Equal(["weighted-mean", "all-proficient"], CourseGrading.Policies.Keys);
    }

    private static Dictionary<Criterion, double> Scores(double acquisition, double batchQuality, double punctuality) => new()
    {
        [Criterion.Acquisition] = acquisition,
        [Criterion.BatchQuality] = batchQuality,
        [Criterion.Punctuality] = punctuality,
    };
}
