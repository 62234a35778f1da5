using PPipe.Scenarios.Spec;

namespace PPipe.Scenarios.Tests;

/// <summary>Specs for tests: read one that must be valid, with the errors in the failure message if not.</summary>
internal static class TestScenarios
{
    /// <summary>A Monday, so weekday effects line up with whole days of scenario time.</summary>
    public static readonly DateTimeOffset Start = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    public static Scenario Read(string yaml)
    {
        var result = ScenarioSpecReader.Read(yaml);
        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        return result.Scenario;
    }

    public static Scenario Template(string id) => Read($"template: {id}");
}
