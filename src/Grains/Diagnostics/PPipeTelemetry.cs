namespace PPipe.Grains.Diagnostics;

/// <summary>The names under which P-PIPE's own metrics and traces are published, beside ASP.NET Core's and Orleans'.</summary>
public static class PPipeTelemetry
{
    /// <summary>The meter of P-PIPE's instruments (ticks, probes, submissions, webhook deliveries, storage).</summary>
    public const string MeterName = "PPipe";

    /// <summary>The activity source of P-PIPE's spans.</summary>
    public const string ActivitySourceName = "PPipe";
}
