using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.TestingHost;
using PPipe.Grains.Channels.Webhooks;
using PPipe.Grains.Enrollments;
using PPipe.Grains.Client.Outbound;

namespace PPipe.Grains.Tests.Infrastructure;

/// <summary>
/// A one-silo cluster whose enrollment reminders tick only hourly, so that within a test only the silo's wakes can
/// bring an enrollment's events: what the default cluster's one-second reminders would otherwise cover up.
/// </summary>
public sealed class WakeClusterFixture : IAsyncLifetime
{
    public static readonly TimeSpan WebhookRedeliverAfter = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan PausedRecheck = TimeSpan.FromSeconds(1);

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    /// <summary>The silo's warnings and errors, for failure messages.</summary>
    public CapturedLogs Logs { get; } = new();

    public async ValueTask InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(StorageNames.Default);
            silo.UseInMemoryReminderService();
            silo.Services.AddLogging(logging => logging.AddProvider(Logs));
            silo.Services.AddPPipeGrainServices(silo.Configuration);
            silo.Services.Configure<EnrollmentOptions>(o =>
            {
                o.TickPeriod = TimeSpan.FromHours(1);
                o.WebhookRedeliverAfter = WebhookRedeliverAfter;
                o.PausedRecheck = PausedRecheck;
            });
            silo.Services.Configure<OutboundOptions>(o => o.AllowLoopback = true);
            silo.Services.Configure<WebhookOptions>(o => o.FirstRetryDelay = TimeSpan.FromMilliseconds(50));
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class WakeClusterCollection : ICollectionFixture<WakeClusterFixture>
{
    public const string Name = "wake-cluster";
}
