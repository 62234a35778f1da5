using System.Collections.Immutable;
using PPipe.Scenarios.Datasets;
using PPipe.Scenarios.Events;
using PPipe.Scenarios.Generation;
using PPipe.Scenarios.Spec;
using PPipe.Scenarios.Templates;

namespace PPipe.Scenarios;

/// <summary>
/// A validated, fully resolved scenario: template defaults applied, every value concrete. Only
/// <see cref="ScenarioSpecReader"/> creates one, so every instance is known to run. Immutable and safe to
/// share across threads; keep one per scenario version and derive timelines and generators from it.
/// </summary>
public sealed class Scenario
{
    private readonly Lazy<CompiledScenario> _compiled;

    internal Scenario(
        ScenarioSpec spec,
        IScenarioWorld world,
        string title,
        string briefing,
        Metric metric,
        ulong seed,
        TimeSpan duration,
        ImmutableArray<ScenarioFeature> features,
        ReleasePlan releases,
        BatchPlan? batches,
        EndpointPlan? endpoint,
        ImmutableArray<DriftEvent> drift,
        ImmutableArray<QuirkEvent> quirks,
        Rubric grading,
        MonitoringPlan monitoring,
        ForecastPlan? forecast)
    {
        Spec = spec;
        World = world;
        Title = title;
        Briefing = briefing;
        Metric = metric;
        Seed = seed;
        Duration = duration;
        Features = features;
        Releases = releases;
        Batches = batches;
        Endpoint = endpoint;
        Drift = drift;
        Quirks = quirks;
        Grading = grading;
        Monitoring = monitoring;
        Forecast = forecast;
        _compiled = new Lazy<CompiledScenario>(() => new CompiledScenario(this), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The effective spec: what the author wrote merged over the template's defaults.</summary>
    public ScenarioSpec Spec { get; }

    /// <summary>The built-in template's id, or for a scenario over a dataset <c>dataset {id} v{version}</c>.</summary>
    public string TemplateId => Spec.Template ?? $"dataset {Spec.Dataset?.Id} v{Spec.Dataset?.Version}";

    /// <summary>The stored dataset version the scenario releases rows of; null for a template's scenario.</summary>
    public DatasetTable? Dataset => (World as DatasetWorld)?.Table;

    public string Title { get; }

    /// <summary>What students read: markdown, written like a ticket from the team that owns the data.</summary>
    public string Briefing { get; }

    public ScenarioTask Task => Target.Task;

    public ScenarioTarget Target => World.Target;

    public Metric Metric { get; }

    public ulong Seed { get; }

    public TimeSpan Duration { get; }

    /// <summary>Name of the column with each row's event time.</summary>
    public string TimestampColumn => World.TimestampColumn;

    /// <summary>The world's features, including hidden ones and category values added by quirks.</summary>
    public ImmutableArray<ScenarioFeature> Features { get; }

    /// <summary>The effects of the initial concept with their weights.</summary>
    public ImmutableArray<ConceptEffect> Effects => World.Effects;

    public ReleasePlan Releases { get; }

    /// <summary>Prediction windows, or null when the scenario has none.</summary>
    public BatchPlan? Batches { get; }

    /// <summary>The endpoint requirement, or null when the scenario has none.</summary>
    public EndpointPlan? Endpoint { get; }

    /// <summary>Changes of the world, in time order.</summary>
    public ImmutableArray<DriftEvent> Drift { get; }

    /// <summary>Data problems, in time order.</summary>
    public ImmutableArray<QuirkEvent> Quirks { get; }

    public Rubric Grading { get; }

    /// <summary>How incident reports are matched and limited (the defaults when the spec says nothing).</summary>
    public MonitoringPlan Monitoring { get; }

    /// <summary>The series, horizon and season of a forecast task; null for every other task.</summary>
    public ForecastPlan? Forecast { get; }

    internal IScenarioWorld World { get; }

    internal CompiledScenario Compiled => _compiled.Value;
}
