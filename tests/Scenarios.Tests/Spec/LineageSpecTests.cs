namespace PPipe.Scenarios.Tests.Spec;

/// <summary>The opt-in lineage criterion in specs.</summary>
public sealed class LineageSpecTests
{
    [Theory]
    [InlineData("taxi-fares")]
    [InlineData("card-fraud")]
    [InlineData("predictive-maintenance")]
    [InlineData("customer-churn")]
    [InlineData("energy-demand")]
    public void Read_Template_NotGradedOnLineage(string template)
    {
        var scenario = TestScenarios.Template(template);

        Assert.Equal(0, scenario.Grading.WeightOf(Criterion.Lineage));
    }

    [Fact]
    public void Read_LineageNamed_GradedLastWithItsShare()
    {
        var scenario = TestScenarios.Read("template: taxi-fares\ngrading: {criteria: {lineage: 1, acquisition: 1, monitoring: 2}}");

        Assert.Equal([Criterion.Acquisition, Criterion.Monitoring, Criterion.Lineage], scenario.Grading.Criteria.Select(c => c.Criterion));
        Assert.Equal(0.25, scenario.Grading.WeightOf(Criterion.Lineage));
    }
}
