using PPipe.Scenarios;
using PPipe.Scenarios.Spec;

namespace PPipe.Assessment.Tests.Assessment;

/// <summary>Scenarios from specs written in a test.</summary>
internal static class TestSpecs
{
    /// <summary>The scenario of <paramref name="spec"/>, which must be valid (its errors are the failure message if not).</summary>
    public static Scenario Read(string spec)
    {
        var read = ScenarioSpecReader.Read(spec);
        Assert.True(read.IsValid, string.Join("; ", read.Errors));
        return read.Scenario;
    }
}
