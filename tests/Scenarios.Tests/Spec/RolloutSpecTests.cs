namespace PPipe.Scenarios.Tests.Spec;

/// <summary>The opt-in rollout criterion in specs.</summary>
public sealed class RolloutSpecTests
{
    [Theory]
    [InlineData("taxi-fares")]
    [InlineData("card-fraud")]
    [InlineData("predictive-maintenance")]
    [InlineData("customer-churn")]
    [InlineData("energy-demand")]
    public void Read_Template_NotGradedOnRollout(string template)
    {
        var scenario = TestScenarios.Template(template);

        Assert.Equal(0, scenario.Grading.WeightOf(Criterion.Rollout));
    }

    [Fact]
    public void Read_RolloutNamed_GradedLastWithItsShare()
    {
        var scenario = TestScenarios.Read("template: taxi-fares\ngrading: {criteria: {rollout: 1, endpointAvailability: 2, lineage: 1}}");

        Assert.Equal([Criterion.EndpointAvailability, Criterion.Lineage, Criterion.Rollout], scenario.Grading.Criteria.Select(c => c.Criterion));
        Assert.Equal(0.25, scenario.Grading.WeightOf(Criterion.Rollout));
    }

    [Fact]
    public void Read_RolloutWithoutDrift_IsValid()
    {
        var scenario = TestScenarios.Read("template: taxi-fares\ndrift: []\ngrading: {criteria: {rollout: 1, endpointAvailability: 1}}");

        Assert.Equal(0.5, scenario.Grading.WeightOf(Criterion.Rollout));
    }
}
