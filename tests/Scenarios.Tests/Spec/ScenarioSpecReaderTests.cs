using PPipe.Scenarios.Events;
using PPipe.Scenarios.Spec;
using PPipe.Scenarios.Templates;

namespace PPipe.Scenarios.Tests.Spec;

public sealed class ScenarioSpecReaderTests
{
    [Fact]
    public void Read_OneLineTemplateSpec_RunsTemplateWithDefaults()
    {
        var result = ScenarioSpecReader.Read("template: taxi-fares");

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        var scenario = result.Scenario;
        Assert.Equal("taxi-fares", scenario.TemplateId);
        Assert.Equal(ScenarioTask.Regression, scenario.Task);
        Assert.Equal(Metric.Rmse, scenario.Metric);
        Assert.Equal(TimeSpan.FromDays(28), scenario.Duration);
        Assert.Equal(2000, scenario.Releases.Rows);
        Assert.NotEmpty(scenario.Briefing);
        Assert.Single(scenario.Drift.OfType<ConceptDrift>());
    }

    [Fact]
    public void Read_OverridesOneKey_KeepsTheTemplatesOtherKeys()
    {
        var scenario = TestScenarios.Read("""
            template: taxi-fares
            releases:
              rows: 500
            """);

        Assert.Equal(500, scenario.Releases.Rows);
        Assert.Equal(TimeSpan.FromDays(1), scenario.Releases.Cadence);
        Assert.Equal([Channel.Api], scenario.Releases.Rotation);
    }

    [Fact]
    public void Read_RotationOverTemplatesChannel_ReplacesTheChannel()
    {
        var scenario = TestScenarios.Read("""
            template: taxi-fares
            releases:
              rotation: [bucket, webhook]
            """);

        Assert.Equal([Channel.Bucket, Channel.Webhook], scenario.Releases.Rotation);
        Assert.Equal(Channel.Webhook, scenario.Releases.ChannelOf(4));
    }

    [Fact]
    public void Read_EmptyDriftList_RemovesTheTemplatesDrift()
    {
        var scenario = TestScenarios.Read("""
            template: taxi-fares
            drift: []
            grading:
              criteria: {batchQuality: 1}
            """);

        Assert.Empty(scenario.Drift);
        Assert.Equal([new CriterionWeight(Criterion.BatchQuality, 1.0)], scenario.Grading.Criteria);
    }

    [Fact]
    public void Read_JsonWithSameStructure_GivesSameScenarioAsYaml()
    {
        const string yaml = """
            template: card-fraud
            seed: 99
            duration: 21d
            releases: {cadence: 12h, rows: 1500, rotation: [api, bucket]}
            drift:
              - {at: 5d, kind: concept, mode: gradual, over: 2d, effects: {smallAmountTesting: 4.5}}
            quirks:
              - {at: 3d, kind: duplicates, rate: 0.05, for: 2d}
            """;
        const string json = """
            {
              "template": "card-fraud",
              "seed": 99,
              "duration": "21d",
              "releases": {"cadence": "12h", "rows": 1500, "rotation": ["api", "bucket"]},
              "drift": [{"at": "5d", "kind": "concept", "mode": "gradual", "over": "2d", "effects": {"smallAmountTesting": 4.5}}],
              "quirks": [{"at": "3d", "kind": "duplicates", "rate": 0.05, "for": "2d"}]
            }
            """;

        var fromYaml = TestScenarios.Read(yaml);
        var fromJson = TestScenarios.Read(json);

        Assert.Equal(fromYaml.Seed, fromJson.Seed);
        Assert.Equal(fromYaml.Duration, fromJson.Duration);
        Assert.Equal(fromYaml.Releases.Cadence, fromJson.Releases.Cadence);
        Assert.Equal(fromYaml.Releases.Rotation, fromJson.Releases.Rotation);
        Assert.Equal(fromYaml.Drift.Single().ToString(), fromJson.Drift.Single().ToString());
        Assert.Equal(fromYaml.Quirks.Single(), fromJson.Quirks.Single());
    }

    [Fact]
    public void Read_JsonWithTabsCommentsAndTrailingCommas_IsAccepted()
    {
        var result = ScenarioSpecReader.Read("{\n\t\"template\": \"energy-demand\", // the grid\n\t\"seed\": 3,\n}");

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
    }

    [Fact]
    public void Read_YamlAnchors_AreResolved()
    {
        var scenario = TestScenarios.Read("""
            template: taxi-fares
            quirks:
              - &gap {at: 2d, kind: missingValues, rate: 0.1, for: 1d}
              - {at: 20d, kind: duplicates, rate: 0.02}
            """);

        Assert.Equal(2, scenario.Quirks.Length);
        Assert.Equal(0.1, Assert.IsType<MissingValues>(scenario.Quirks[0]).Rate);
    }

    [Fact]
    public void Read_EveryTemplatesYaml_ResolvesToTheTemplatesScenario()
    {
        foreach (var template in ScenarioTemplates.All)
        {
            var fromYaml = TestScenarios.Read(template.Yaml);

            Assert.Equal(template.Scenario.Seed, fromYaml.Seed);
            Assert.Equal(template.Scenario.Drift, fromYaml.Drift, (a, b) => a.ToString() == b.ToString());
            Assert.Equal(template.Scenario.Briefing, fromYaml.Briefing);
        }
    }

    [Fact]
    public void Resolve_SpecBuiltInCode_IsValidated()
    {
        var result = ScenarioSpecReader.Resolve(new ScenarioSpec { Template = "customer-churn", Duration = "9d" });

        Assert.False(result.IsValid);
        Assert.Contains(new SpecError("drift[0].at", "21d is after the end of the scenario (9d)"), result.Errors);
    }

    [Fact]
    public void Read_YamlSyntaxError_ReportsLineAndColumn()
    {
        var result = ScenarioSpecReader.Read("template: [taxi-fares");

        var error = Assert.Single(result.Errors);
        Assert.Equal("", error.Path);
        Assert.StartsWith("line 2, column 1: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_JsonSyntaxError_ReportsLineAndColumn()
    {
        var result = ScenarioSpecReader.Read("{\"template\": \"taxi-fares\", \"seed\": }");

        Assert.Equal([new SpecError("", "line 1, column 36: '}' is an invalid start of a value")], result.Errors);
    }

    [Fact]
    public void Read_ManyProblems_ReportsThemAllAtOnce()
    {
        var result = ScenarioSpecReader.Read("""
            template: taxi-fares
            metrik: rmse
            duration: 14d
            releases:
              rows: 0
            endpoint:
              slo: {availability: 2}
            drift:
              - {at: 20d, kind: concept, effects: {perKm: 2.4}}
            quirks:
              - {at: 3d, kind: duplicate, rate: 0.1}
            """);

        Assert.Equal(
            [
                new SpecError("metrik", "unknown key; did you mean 'metric'?"),
                new SpecError("releases.rows", "0 must be between 1 and 1000000"),
                new SpecError("endpoint.slo.availability", "2 must be more than 0 and at most 1"),
                new SpecError("drift[0].at", "20d is after the end of the scenario (14d)"),
                new SpecError("quirks[0].kind", "'duplicate' is not a quirk kind; did you mean 'duplicates'?"),
            ],
            result.Errors);
    }

    [Fact]
    public void SpecError_ToString_JoinsPathAndMessage()
    {
        var error = new SpecError("drift[2].at", "30d is after the end of the scenario (28d)");

        Assert.Equal("drift[2].at: 30d is after the end of the scenario (28d)", error.ToString());
    }
}
