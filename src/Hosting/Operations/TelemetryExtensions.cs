using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using PPipe.Grains.Diagnostics;

namespace PPipe.Hosting.Operations;

public static class TelemetryExtensions
{
    /// <summary>
    /// Metrics from ASP.NET Core, Kestrel, outbound HTTP, the .NET runtime, Orleans and P-PIPE, served in Prometheus'
    /// format at <c>/metrics</c> (see <see cref="OperationsEndpoints"/>) and also pushed over OTLP when the standard
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, in which case traces are recorded and pushed too: a request through
    /// the grains to the outbound calls it causes. Without an OTLP endpoint no spans are recorded at all.
    /// </summary>
    public static IHostApplicationBuilder AddPPipeTelemetry(this IHostApplicationBuilder builder)
    {
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(builder.Environment.ApplicationName, serviceInstanceId: Environment.MachineName + ":" + Environment.ProcessId))
            .WithMetrics(metrics => metrics
                .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Http.Connections")
                .AddMeter("Microsoft.Orleans", PPipeTelemetry.MeterName)
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter());
        if (otlp)
        {
            telemetry
                .WithTracing(tracing => tracing
                    .AddSource(Orleans.Diagnostics.ActivitySources.ApplicationGrainActivitySourceName, PPipeTelemetry.ActivitySourceName)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation())
                .UseOtlpExporter();
        }

        return builder;
    }
}
