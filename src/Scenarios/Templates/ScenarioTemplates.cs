using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace PPipe.Scenarios.Templates;

/// <summary>The built-in templates.</summary>
public static class ScenarioTemplates
{
    public static IReadOnlyList<ScenarioTemplate> All { get; } =
    [
        Load("taxi-fares", TaxiFaresWorld.Instance),
        Load("card-fraud", CardFraudWorld.Instance),
        Load("predictive-maintenance", PredictiveMaintenanceWorld.Instance),
        Load("customer-churn", CustomerChurnWorld.Instance),
        Load("energy-demand", EnergyDemandWorld.Instance),
        Load("water-demand", WaterDemandWorld.Instance),
    ];

    public static IReadOnlyList<string> Ids { get; } = [.. All.Select(t => t.Id)];

    // Looked up for every student request and every enrollment tick: a frozen dictionary, no enumerator or closure.
    private static readonly FrozenDictionary<string, ScenarioTemplate> ById = All.ToFrozenDictionary(t => t.Id, StringComparer.Ordinal);

    public static bool TryGet(string? id, [NotNullWhen(true)] out ScenarioTemplate? template)
    {
        template = null;
        return id is not null && ById.TryGetValue(id, out template);
    }

    public static ScenarioTemplate Get(string id) =>
        TryGet(id, out var template) ? template : throw new KeyNotFoundException($"There is no built-in template '{id}'.");

    private static ScenarioTemplate Load(string id, IScenarioWorld world)
    {
        using var stream = typeof(ScenarioTemplates).Assembly.GetManifestResourceStream($"templates/{id}.yaml")
            ?? throw new InvalidOperationException($"The template resource templates/{id}.yaml is missing.");
        using var reader = new StreamReader(stream);
        return new ScenarioTemplate(id, reader.ReadToEnd(), world);
    }
}
