namespace PPipe.Simulation.Demo;

/// <summary>The embedded demo: a cohort of simulated students on the demo's scenario or another. Bound from the <c>Demo</c> section.</summary>
public sealed class DemoCohortOptions
{
    public const string Section = "Demo";

    /// <summary>Seed the demo at start.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The scenario: a template id (<c>GET /api/v1/admin/templates</c>) or an uploaded scenario's id; null (the
    /// default) uploads <see cref="DemoScenario"/>, taxi-fares with monitoring assessed.</summary>
    public string? ScenarioId { get; set; }

    /// <summary>The version of <see cref="ScenarioId"/>.</summary>
    public int Version { get; set; } = 1;

    /// <summary>Scenario time per wall time: 1440 runs a 28-day scenario in 28 minutes.</summary>
    public double Speed { get; set; } = 1440;

    public string CohortName { get; set; } = "Live demo (simulated students)";

    /// <summary>How many simulated students to enroll, spread over the archetypes.</summary>
    public int Students { get; set; } = 24;

    /// <summary>How often each student polls.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Open a fresh cohort when the scenario is over, so a long-running demo stays live.</summary>
    public bool RestartWhenFinished { get; set; }

    /// <summary>The instructor API key the demo uses; set by the host (see <see cref="DemoCohortExtensions.AddDemoCohort"/>).</summary>
    public string? AdminKey { get; set; }

    /// <summary>The platform's address; by default the first address the host serves (wildcards read as loopback).</summary>
    public Uri? Platform { get; set; }
}
