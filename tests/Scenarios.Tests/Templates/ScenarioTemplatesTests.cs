using PPipe.Scenarios.Events;
using PPipe.Scenarios.Generation;
using PPipe.Scenarios.Templates;

namespace PPipe.Scenarios.Tests.Templates;

public sealed class ScenarioTemplatesTests
{
    public static TheoryData<string> Ids => [.. ScenarioTemplates.Ids];

    [Fact]
    public void All_BuiltIn_HoldsTheSixTemplates()
    {
        Assert.Equal(["taxi-fares", "card-fraud", "predictive-maintenance", "customer-churn", "energy-demand", "water-demand"], ScenarioTemplates.Ids);
    }

    [Fact]
    public void All_Tasks_CoverEveryTask()
    {
        Assert.Equal(
            [ScenarioTask.Binary, ScenarioTask.Multiclass, ScenarioTask.Regression, ScenarioTask.Forecast],
            ScenarioTemplates.All.Select(t => t.Task).Distinct().Order());
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Template_YamlSpec_IsValidAndNamesItsTemplate(string id)
    {
        var template = ScenarioTemplates.Get(id);

        var scenario = TestScenarios.Read(template.Yaml);

        Assert.Equal(id, scenario.TemplateId);
        Assert.StartsWith($"template: {id}\n", template.Yaml, StringComparison.Ordinal);
        Assert.Equal(template.Title, scenario.Title);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Template_Briefing_ReadsLikeATicketAboutTheTarget(string id)
    {
        var scenario = ScenarioTemplates.Get(id).Scenario;

        Assert.StartsWith("## ", scenario.Briefing, StringComparison.Ordinal);
        Assert.Contains("**From:**", scenario.Briefing, StringComparison.Ordinal);
        Assert.Contains($"`{scenario.Target.Name}`", scenario.Briefing, StringComparison.Ordinal);
        Assert.Contains("**Known issues.**", scenario.Briefing, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Template_FeaturesAndEffects_AreDescribed(string id)
    {
        var template = ScenarioTemplates.Get(id);

        Assert.All(template.Features, f => Assert.False(string.IsNullOrWhiteSpace(f.Description)));
        Assert.All(template.Effects, e => Assert.False(string.IsNullOrWhiteSpace(e.Description)));
        Assert.Equal(template.Features.Length, template.Features.Select(f => f.Name).Distinct().Count());
    }

    [Fact]
    public void Templates_DriftAndQuirks_DifferPerTemplateAndTogetherCoverAll()
    {
        var kinds = ScenarioTemplates.All.ToDictionary(t => t.Id, t => Kinds(t.Scenario));

        Assert.Equal(kinds.Count, kinds.Values.Select(k => string.Join(",", k.Order())).Distinct().Count());
        Assert.Superset(
            new HashSet<string>
            {
                "Abrupt", "Gradual", "Recurring", "CovariateShift", "Recalibration", "LabelNoise", "NewCategory",
                "MissingValues", "DuplicateRows", "RenamedColumn", "AddedColumn", "LateRows", "ChannelOutage",
            },
            kinds.Values.SelectMany(k => k).ToHashSet());
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Template_Defaults_GenerateEveryStream(string id)
    {
        var scenario = ScenarioTemplates.Get(id).Scenario;
        var generator = new ScenarioGenerator(scenario, 5, TestScenarios.Start);
        var lastRelease = scenario.Releases.CountWithin(scenario.Duration);
        var lastBatch = scenario.Batches!.CountWithin(scenario.Duration);
        var lastProbe = scenario.Endpoint!.SlotCountWithin(scenario.Duration) - 1;

        var release = Table.Load(generator.OpenRelease(lastRelease));
        var batch = Table.Load(generator.OpenBatch(lastBatch));
        var probe = Table.Load(generator.OpenProbe(lastProbe));

        Assert.True(release.Count >= scenario.Releases.Rows * 0.9);
        Assert.Equal(scenario.Batches.Rows, batch.Count);
        Assert.Equal(scenario.Endpoint.RowsPerProbe, probe.Count);
        Assert.Equal(batch.Count, batch.Ids.Distinct().Count());
        Assert.DoesNotContain(scenario.Target.Name, batch.Columns.Select(c => c.Name));
    }

    private static HashSet<string> Kinds(Scenario scenario) =>
    [
        .. scenario.Drift.Select(d => d is ConceptDrift concept ? concept.Mode.ToString() : d.GetType().Name),
        .. scenario.Quirks.Select(q => q.GetType().Name),
    ];
}
