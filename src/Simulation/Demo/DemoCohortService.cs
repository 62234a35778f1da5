using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PPipe.Simulation.Endpoints;
using PPipe.Simulation.Hosting;

namespace PPipe.Simulation.Demo;



/// <summary>
/// Runs the <see cref="DemoCohort"/> inside the platform's own process once it is listening: the platform's
/// address is read from the server, the students' endpoints get their own loopback listener. Stops with the
/// application (on <c>ApplicationStopping</c>, before the platform goes away, so shutdown is quiet).
/// </summary>
public sealed class DemoCohortService(
    IServer server,
    IHostApplicationLifetime lifetime,
    IOptions<DemoCohortOptions> options,
    TimeProvider time,
    ILoggerFactory loggers) : BackgroundService
{
    private readonly ILogger _logger = loggers.CreateLogger<DemoCohortService>();

    /// <summary>The running demo, once seeding has begun (for dashboards and tests).</summary>
    public DemoCohort? Demo { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(settings.AdminKey))
        {
            DemoLog.NotStarted(_logger, "no instructor API key was given (Demo:AdminKey).");
            return;
        }

        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lifetime.ApplicationStopping);
        var cancellationToken = stopping.Token;
        try
        {
            await StartedAsync(cancellationToken);
            var platform = settings.Platform ?? ListeningAddress.First(server);
            if (platform is null)
            {
                DemoLog.NotStarted(_logger, "the server has no http address to reach it at (set Demo:Platform).");
                return;
            }

            using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            {
                Timeout = Timeout.InfiniteTimeSpan,
            };
            await using var endpoints = await SimulatedEndpoints.StartAsync(time, cancellationToken);
            Demo = new DemoCohort(platform, settings.AdminKey, http, endpoints, settings, time, loggers);
            await Demo.RunAsync(cancellationToken);

            // Keep serving the endpoints until shutdown: the platform may still call them.
            await Task.Delay(Timeout.InfiniteTimeSpan, time, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // The demo is a guest in the platform's process: it must never take the host down.
            DemoLog.Failed(_logger, e);
        }
    }

    private async Task StartedAsync(CancellationToken cancellationToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var onCancelled = cancellationToken.Register(() => started.TrySetCanceled(cancellationToken));
        await started.Task;
    }
}
