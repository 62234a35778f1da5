namespace PPipe.Cluster.Soak.Load;

/// <summary>What a request was for: the report splits rates, errors and latency by it.</summary>
public enum RequestClass
{
    /// <summary>A roster student's <c>GET /api/v1/releases</c> with <c>If-None-Match</c>.</summary>
    Poll,

    /// <summary>A roster student downloading a new release.</summary>
    Download,

    /// <summary>Opening <c>GET /api/v1/events</c> (time to the response headers).</summary>
    EventStream,

    /// <summary>Anything a simulated student (src/Simulation) sends.</summary>
    Simulated,

    /// <summary>Registering a webhook.</summary>
    Webhook,

    /// <summary>The instructor's admin API (cohorts, rosters, summaries, grades).</summary>
    Admin,

    /// <summary>The harness's own checks after the traffic (what students see is not measured by these).</summary>
    Verify,
}
