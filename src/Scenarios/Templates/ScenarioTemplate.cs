using System.Collections.Immutable;
using PPipe.Scenarios.Spec;

namespace PPipe.Scenarios.Templates;

/// <summary>
/// A built-in scenario: a world (features, target, concept) plus a default spec in YAML — title, briefing,
/// timeline, drift, quirks and rubric — that an instructor can show, copy and edit.
/// </summary>
public sealed class ScenarioTemplate
{
    private readonly Lazy<ScenarioSpec> _defaults;
    private readonly Lazy<Scenario> _scenario;

    internal ScenarioTemplate(string id, string yaml, IScenarioWorld world)
    {
        Id = id;
        Yaml = yaml;
        World = world;
        _defaults = new Lazy<ScenarioSpec>(() => ScenarioSpecReader.Parse(yaml, out var errors)
            ?? throw new InvalidOperationException($"The built-in template {id} does not parse: {string.Join("; ", errors)}"));
        _scenario = new Lazy<Scenario>(() => ScenarioSpecReader.Read($"template: {id}") is { IsValid: true } result
            ? result.Scenario
            : throw new InvalidOperationException($"The built-in template {id} does not validate."));
    }

    /// <summary>The id a spec names in <c>template:</c>, e.g. <c>taxi-fares</c>.</summary>
    public string Id { get; }

    public string Title => Defaults.Title ?? Id;

    /// <summary>The template's full default spec as YAML, ready to show and edit.</summary>
    public string Yaml { get; }

    /// <summary>The default spec; a spec naming this template is merged over it.</summary>
    public ScenarioSpec Defaults => _defaults.Value;

    /// <summary>The template run with its defaults (what <c>template: id</c> gives).</summary>
    public Scenario Scenario => _scenario.Value;

    public ScenarioTarget Target => World.Target;

    public ScenarioTask Task => World.Target.Task;

    public string TimestampColumn => World.TimestampColumn;

    /// <summary>The world's features, hidden ones included (marked <see cref="ScenarioFeature.Hidden"/>).</summary>
    public ImmutableArray<ScenarioFeature> Features => World.Features;

    /// <summary>The concept's effects: the names concept drift can change, with their initial weights.</summary>
    public ImmutableArray<ConceptEffect> Effects => World.Effects;

    internal IScenarioWorld World { get; }
}
