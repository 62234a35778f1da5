namespace PPipe.Scenarios.Tests.Scoring;

public sealed class RubricTests
{
    private static readonly Rubric Rubric = TestScenarios.Read("""
        template: taxi-fares
        grading:
          criteria: {batchQuality: 3, endpointAvailability: 1}
          levels: {proficient: 0.5, advanced: 0.7, expert: 0.9}
        """).Grading;

    [Fact]
    public void Rubric_RelativeWeights_AreNormalisedAndInCriterionOrder()
    {
        Assert.Equal(
            [new CriterionWeight(Criterion.BatchQuality, 0.75), new CriterionWeight(Criterion.EndpointAvailability, 0.25)],
            Rubric.Criteria);
    }

    [Fact]
    public void Overall_SomeCriteriaScored_WeighsOnlyThose()
    {
        Assert.Equal(0.7, Rubric.Overall(new Dictionary<Criterion, double> { [Criterion.BatchQuality] = 0.6, [Criterion.EndpointAvailability] = 1.0 })!.Value, 1e-12);
        Assert.Equal(0.6, Rubric.Overall(new Dictionary<Criterion, double> { [Criterion.BatchQuality] = 0.6 })!.Value, 1e-12);
        Assert.Null(Rubric.Overall(new Dictionary<Criterion, double>()));
    }

    [Theory]
    [InlineData(0.49, GradeLevel.NotYetProficient)]
    [InlineData(0.5, GradeLevel.Proficient)]
    [InlineData(0.7, GradeLevel.Advanced)]
    [InlineData(0.95, GradeLevel.Expert)]
    public void LevelFor_Score_UsesTheThresholds(double score, GradeLevel level)
    {
        Assert.Equal(level, Rubric.Levels.LevelFor(score));
    }

    [Fact]
    public void Target_TryParsePrediction_ReadsLabelsAndNumbers()
    {
        var churn = TestScenarios.Template("customer-churn").Target;
        var taxi = TestScenarios.Template("taxi-fares").Target;

        Assert.True(churn.TryParsePrediction("yes", out var label));
        Assert.Equal(1, label);
        Assert.False(churn.TryParsePrediction("maybe", out _));
        Assert.True(taxi.TryParsePrediction("12.5", out var value));
        Assert.Equal(12.5, value);
        Assert.False(taxi.TryParsePrediction("NaN", out _));
    }
}
