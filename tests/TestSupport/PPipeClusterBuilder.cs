using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Reminders;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.TestingHost;
using PPipe.Grains;
using PPipe.Grains.Channels.Webhooks;
using PPipe.Grains.Probes;
using PPipe.Grains.Client.Outbound;

namespace PPipe.TestSupport;

/// <summary>
/// Builds an in-process cluster for P-PIPE's grains: their services registered with the extension the silos use
/// (<see cref="GrainServiceCollectionExtensions.AddPPipeGrainServices"/>), memory grain storage holding state in the
/// Orleans serializer's form as the hosts' storage does (so a deactivated grain reads back what it would in
/// production), in-memory reminders
/// (down to one-second periods), loopback addresses allowed for outbound calls (tests point students' webhooks and
/// endpoints at loopback servers), and optionally a <see cref="ClusterClock"/> in place of real time. On a clock, webhook
/// and probe retries come at once: a retry waiting for a clock that stands still would wait until the test moved it,
/// and when retries come is the business of the sender's and the probe client's own tests.
/// </summary>
public sealed class PPipeClusterBuilder(short silos = 1)
{
    /// <summary>The shortest reminder period test silos accept (production keeps Orleans' one minute).</summary>
    public static readonly TimeSpan MinimumReminderPeriod = TimeSpan.FromSeconds(1);

    private readonly List<Action<ISiloBuilder>> _configure = [];
    private ClusterClock? _clock;
    private CapturedLogs? _logs;

    /// <summary>Runs P-PIPE's code, grain timers and reminders on <paramref name="clock"/>; Orleans' own machinery keeps real time.</summary>
    public PPipeClusterBuilder WithClock(ClusterClock clock)
    {
        _clock = clock;
        return this;
    }

    /// <summary>Keeps every silo's warnings and errors in <paramref name="logs"/>, for failure messages.</summary>
    public PPipeClusterBuilder WithLogs(CapturedLogs logs)
    {
        _logs = logs;
        return this;
    }

    /// <summary>More configuration for every silo: options set here win over the builder's, and services registered here
    /// replace the ones P-PIPE registers only when missing.</summary>
    public PPipeClusterBuilder ConfigureSilo(Action<ISiloBuilder> configure)
    {
        _configure.Add(configure);
        return this;
    }

    public InProcessTestCluster Build()
    {
        var builder = new InProcessTestClusterBuilder(silos);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.Configure<OutboundOptions>(o => o.AllowLoopback = true);
            if (_clock is not null)
            {
                silo.Services.Configure<WebhookOptions>(o => o.FirstRetryDelay = TimeSpan.Zero);
                silo.Services.Configure<ProbeOptions>(o => o.RetryDelay = TimeSpan.Zero);
            }

            foreach (var configure in _configure)
            {
                configure(silo);
            }

            if (_clock is { } clock)
            {
                UseClock(silo.Services, clock);
            }

            if (_logs is { } logs)
            {
                silo.Services.AddLogging(logging => logging.AddProvider(logs));
            }

            silo.AddMemoryGrainStorage(StorageNames.Default);
            silo.Services.AddOptions<MemoryGrainStorageOptions>(StorageNames.Default)
                .Configure<Serializer>((o, serializer) => o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer));
            silo.UseInMemoryReminderService();
            silo.Services.AddPPipeGrainServices(silo.Configuration);
            silo.Services.PostConfigure<ReminderOptions>(o => o.MinimumReminderPeriod = MinimumReminderPeriod);
        });
        return builder.Build();
    }

    /// <summary>
    /// The unkeyed <see cref="TimeProvider"/> (what P-PIPE's code and grain timers use) and the reminders' own clock
    /// become the test's; every other Orleans area is pinned to real time, so moving the clock never runs membership or
    /// messaging loops inline. The reminder list refreshes once per step of the clock.
    /// </summary>
    private static void UseClock(IServiceCollection services, ClusterClock clock)
    {
        services.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock.Time));
        services.UseTimeProviderForBackgroundAreas(TimeProvider.System);
        services.AddKeyedSingleton<TimeProvider>(ReminderTimeProviderNames.Reminders, clock.Time);
        services.PostConfigure<ReminderOptions>(o => o.RefreshReminderListPeriod = ClusterClock.MaxStep);
    }
}
