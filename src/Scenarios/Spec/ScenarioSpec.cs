namespace PPipe.Scenarios.Spec;

/// <summary>
/// A scenario as its author writes it, in YAML or JSON with the same camelCase keys. Everything but
/// <see cref="Template"/> is optional and falls back to the template's defaults. Durations are text as
/// people write them (<c>36h</c>, <c>7d</c>, <c>1d12h</c>); names of tasks, metrics and channels are
/// camelCase text. <see cref="ScenarioSpecReader"/> validates and resolves it into a <see cref="Scenario"/>.
/// </summary>
public sealed record ScenarioSpec
{
    /// <summary>The built-in template the scenario's world comes from (e.g. <c>taxi-fares</c>).</summary>
    public string? Template { get; init; }

    /// <summary>Instead of a template: the stored dataset version whose recorded rows the scenario releases.</summary>
    public DatasetSpec? Dataset { get; init; }

    public string? Title { get; init; }

    /// <summary>Markdown students read.</summary>
    public string? Briefing { get; init; }

    /// <summary>Seeds the world; the same seed gives the same world to every cohort.</summary>
    public long? Seed { get; init; }

    public string? Duration { get; init; }

    /// <summary><c>binary</c>, <c>multiclass</c>, <c>regression</c> or <c>forecast</c>; must match the template's target.</summary>
    public string? Task { get; init; }

    /// <summary>The target column; must be the template's.</summary>
    public string? Target { get; init; }

    public string? Metric { get; init; }

    /// <summary>Series, horizon, season and history of a <c>forecast</c> task; only a forecast task takes it.</summary>
    public ForecastSpec? Forecast { get; init; }

    public ReleasesSpec? Releases { get; init; }

    public BatchesSpec? Batches { get; init; }

    public EndpointSpec? Endpoint { get; init; }

    public IReadOnlyList<DriftSpec>? Drift { get; init; }

    public IReadOnlyList<QuirkSpec>? Quirks { get; init; }

    public GradingSpec? Grading { get; init; }

    /// <summary>How incident reports are matched and limited; only graded when <c>grading.criteria</c> names <c>monitoring</c>.</summary>
    public MonitoringSpec? Monitoring { get; init; }
}
