namespace PPipe.Scenarios.Tests.Spec;

/// <summary>The <c>monitoring</c> section and the opt-in monitoring criterion.</summary>
public sealed class MonitoringSpecTests
{
    [Fact]
    public void Read_NoMonitoringSection_DefaultPlan()
    {
        var scenario = TestScenarios.Template("taxi-fares");

        Assert.Equal(new MonitoringPlan(TimeSpan.FromDays(1), TimeSpan.FromDays(2), 10, TimeSpan.FromHours(3)), scenario.Monitoring);
    }

    [Fact]
    public void Read_MonitoringSection_EveryKeyRead()
    {
        var scenario = TestScenarios.Read("template: taxi-fares\nmonitoring: {window: 12h, detectWithin: 3d, reportsPerDay: 4, postmortemAfter: 90m}");

        Assert.Equal(new MonitoringPlan(TimeSpan.FromHours(12), TimeSpan.FromDays(3), 4, TimeSpan.FromMinutes(90)), scenario.Monitoring);
    }

    [Theory]
    [InlineData("taxi-fares")]
    [InlineData("card-fraud")]
    [InlineData("predictive-maintenance")]
    [InlineData("customer-churn")]
    [InlineData("energy-demand")]
    public void Read_Template_NotGradedOnMonitoring(string template)
    {
        var scenario = TestScenarios.Template(template);

        Assert.Equal(0, scenario.Grading.WeightOf(Criterion.Monitoring));
    }

    [Fact]
    public void Read_MonitoringNamed_GradedLastWithItsShare()
    {
        var scenario = TestScenarios.Read("template: taxi-fares\ngrading: {criteria: {acquisition: 1, adaptation: 1, monitoring: 2}}");

        Assert.Equal([Criterion.Acquisition, Criterion.Adaptation, Criterion.Monitoring], scenario.Grading.Criteria.Select(c => c.Criterion));
        Assert.Equal(0.5, scenario.Grading.WeightOf(Criterion.Monitoring));
    }
}
