namespace PPipe.Scenarios.Tests.Spec;

/// <summary>The opt-in reproducibility criterion in specs.</summary>
public sealed class ReproducibilitySpecTests
{
    [Theory]
    [InlineData("taxi-fares")]
    [InlineData("card-fraud")]
    [InlineData("predictive-maintenance")]
    [InlineData("customer-churn")]
    [InlineData("energy-demand")]
    public void Read_Template_NotGradedOnReproducibility(string template)
    {
        var scenario = TestScenarios.Template(template);

        Assert.Equal(0, scenario.Grading.WeightOf(Criterion.Reproducibility));
    }

    [Fact]
    public void Read_ReproducibilityNamed_GradedAfterLineageWithItsShare()
    {
        var scenario = TestScenarios.Read("template: taxi-fares\ngrading: {criteria: {reproducibility: 1, lineage: 1, acquisition: 2}}");

        Assert.Equal([Criterion.Acquisition, Criterion.Lineage, Criterion.Reproducibility], scenario.Grading.Criteria.Select(c => c.Criterion));
        Assert.Equal(0.25, scenario.Grading.WeightOf(Criterion.Reproducibility));
    }

    [Theory]
    [InlineData("endpoint: {enabled: false}")]
    [InlineData("batches: {enabled: false}")]
    [InlineData("batches: {submissionLimit: 1}")]
    public void Read_OnlyOneWayToCheckIt_Valid(string part)
    {
        var scenario = TestScenarios.Read($"template: taxi-fares\n{part}\ngrading: {{criteria: {{acquisition: 1, reproducibility: 1}}}}");

        Assert.Equal(0.5, scenario.Grading.WeightOf(Criterion.Reproducibility));
    }
}
