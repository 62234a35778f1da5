using static PPipe.Integration.Tests.Assessment.ValidityRun;

namespace PPipe.Integration.Tests.Assessment;

/// <summary>
/// Proof that grades are valid on a forecasting task: the archetypes of <see cref="RubricValidityTests"/> run the
/// water-demand template (hourly demand per district, scored by MASE) end to end through the public API, with real endpoints
/// answering probes that carry each series' history, and the rubric must order them as on the tabular templates, by the
/// same checks. The cohort runs on a platform of its own, its scenario compressed into four wall minutes as there: an eighth
/// cohort beside the seven of that test would load the two cores its deadlines depend on.
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class ForecastValidityTests
{
    private static readonly TimeSpan ScenarioWallTime = TimeSpan.FromMinutes(4);

    private const string Template = "water-demand";

    /// <summary>A slow endpoint's delay: over the SLO's p95 (250 ms), under the probe timeout (1 s).</summary>
    private const int SlowMs = 420;

    [Fact]
    public async Task Archetypes_WaterDemand_RubricOrdersThemAsOnTheTabularTemplates()
    {
        await using var validity = await ValidityRun.StartAsync(ScenarioWallTime);

        var run = await validity.RunCohortAsync(Template, Template, TimeSpan.FromDays(28), RubricValidityTests.Archetypes, slowMs: SlowMs);

        var problems = new List<string>();
        RubricValidityTests.Judge(run, conceptDrift: true, problems);
        TestContext.Current.TestOutputHelper?.WriteLine(Describe([run]));
        Assert.True(problems.Count == 0, string.Join("\n", problems) + "\n\n" + Describe([run]));
    }
}
