using System.Collections.Immutable;
using PPipe.Scenarios.Events;
using PPipe.Scenarios.Templates;

namespace PPipe.Scenarios.Generation;

/// <summary>
/// A scenario arranged for generation: drift and quirks indexed by the feature they touch, the concept
/// over time, the release layout and the column layouts. Built once per <see cref="Scenario"/>.
/// </summary>
internal sealed class CompiledScenario
{
    private const int WorldConstantCount = 16;

    public CompiledScenario(Scenario scenario)
    {
        Scenario = scenario;
        World = scenario.World;
        Features = scenario.Features;
        var featureIndex = Features.Select((f, i) => (f.Name, i)).ToDictionary(x => x.Name, x => x.i);

        Shifts = ByFeature(scenario.Drift.OfType<CovariateShift>(), s => featureIndex[s.Feature]);
        LabelShifts = [.. scenario.Drift.OfType<LabelShift>()];
        Recalibrations = ByFeature(scenario.Drift.OfType<Recalibration>(), r => featureIndex[r.Feature]);

        var newCategories = new List<(NewCategory Quirk, int Feature, int Index)>();
        foreach (var quirk in scenario.Quirks.OfType<NewCategory>())
        {
            var feature = featureIndex[quirk.Feature];
            newCategories.Add((quirk, feature, Features[feature].Categories.IndexOf(quirk.Value)));
        }

        NewCategories = new (NewCategory, int)[Features.Length][];
        for (var f = 0; f < Features.Length; f++)
        {
            NewCategories[f] = [.. newCategories.Where(n => n.Feature == f).Select(n => (n.Quirk, n.Index))];
        }

        Missing = [.. scenario.Quirks.OfType<MissingValues>()];
        MissingCovers = [.. Missing.Select(m => Features.Select(f => m.Covers(f.Name)).ToArray())];
        LabelNoise = [.. scenario.Quirks.OfType<LabelNoise>()];
        Synthetic = [.. scenario.Quirks.OfType<AddedColumn>().Where(a => !a.RevealsFeature)];
        Concept = new ConceptModel(scenario, newCategories);
        Layout = new ReleaseLayout(scenario);
        Columns = new ColumnLayouts(scenario, Synthetic);
        WorldConstants = new double[WorldConstantCount];
        for (var i = 0; i < WorldConstantCount; i++)
        {
            WorldConstants[i] = RowRandom.UnitOf(RowRandom.KeyOf(scenario.Seed, 0x574F524C44, (ulong)i));
        }
    }

    public Scenario Scenario { get; }

    public IScenarioWorld World { get; }

    public ImmutableArray<ScenarioFeature> Features { get; }

    public CovariateShift[][] Shifts { get; }

    public LabelShift[] LabelShifts { get; }

    public Recalibration[][] Recalibrations { get; }

    public (NewCategory Quirk, int Index)[][] NewCategories { get; }

    public MissingValues[] Missing { get; }

    public bool[][] MissingCovers { get; }

    public LabelNoise[] LabelNoise { get; }

    public ImmutableArray<AddedColumn> Synthetic { get; }

    public ConceptModel Concept { get; }

    public ReleaseLayout Layout { get; }

    public ColumnLayouts Columns { get; }

    public double[] WorldConstants { get; }

    private T[][] ByFeature<T>(IEnumerable<T> events, Func<T, int> feature)
    {
        var list = events.ToList();
        var result = new T[Features.Length][];
        for (var f = 0; f < Features.Length; f++)
        {
            result[f] = [.. list.Where(e => feature(e) == f)];
        }

        return result;
    }
}
