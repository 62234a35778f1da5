namespace PPipe.Scenarios.Spec;

/// <summary>The keys each section of a spec accepts. The JSON Schema is kept in step with these by a test.</summary>
internal static class SpecKeys
{
    public static readonly string[] Scenario =
        ["template", "dataset", "title", "briefing", "seed", "duration", "task", "target", "metric", "forecast", "releases", "batches", "endpoint", "drift", "quirks", "grading", "monitoring"];

    public static readonly string[] Dataset = ["id", "version"];

    public static readonly string[] Forecast = ["series", "horizon", "season", "history", "step"];

    public static readonly string[] Releases = ["first", "cadence", "rows", "lag", "channel", "rotation"];

    public static readonly string[] Batches = ["enabled", "first", "cadence", "rows", "dueAfter", "labelDelay", "submissionLimit", "late"];

    public static readonly string[] Late = ["policy", "penalty", "cutoff"];

    public static readonly string[] Endpoint = ["enabled", "from", "probeInterval", "rowsPerProbe", "timeout", "slo"];

    public static readonly string[] Slo = ["availability", "p95LatencyMs"];

    public static readonly string[] Drift = ["at", "kind", "note", "mode", "effects", "over", "period", "active", "for", "feature", "shift", "classes"];

    public static readonly string[] Quirk =
        ["at", "kind", "note", "rate", "for", "feature", "value", "effect", "columns", "column", "to", "values", "mean", "sd", "decimals", "delay", "channel"];

    public static readonly string[] Grading = ["criteria", "levels"];

    public static readonly string[] Levels = ["proficient", "advanced", "expert"];

    public static readonly string[] Monitoring = ["window", "detectWithin", "reportsPerDay", "postmortemAfter"];
}
