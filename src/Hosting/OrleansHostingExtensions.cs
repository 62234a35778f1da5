using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Orleans.Configuration;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.Storage;
using PPipe.Grains;
using PPipe.Grains.Channels.Webhooks;
using PPipe.Grains.Email;
using PPipe.Grains.Enrollments;
using PPipe.Hosting.Datasets;
using PPipe.Hosting.Schema;
using PPipe.Hosting.Storage;
using PPipe.Grains.Client.Datasets;
using PPipe.Grains.Client.Scenarios;
using PPipe.Grains.Client.Outbound;
using PPipe.Grains.Client.Site;

namespace PPipe.Hosting;

/// <summary>
/// The one place that turns configuration into an Orleans silo or client, so the Silo process, the
/// embedded Frontend and the tests all run the same setup.
/// </summary>
public static class OrleansHostingExtensions
{
    private const string Invariant = "Npgsql";

    /// <summary>Runs a P-PIPE silo in this host: storage, reminders and clustering from configuration.</summary>
    public static IHostApplicationBuilder AddPPipeSilo(this IHostApplicationBuilder builder)
    {
        var options = builder.BindOrleansOptions();
        builder.AddOrleansTuning();
        builder.AddOutboundChannels();
        var dataSource = options.Storage == OrleansStorage.PostgreSql ? builder.AddPPipeDatabase() : null;
        if (dataSource is not null)
        {
            builder.Services.TryAddSingleton<IDatasetStore, PostgresDatasetStore>();
        }

        builder.Services.UseBinaryGrainState<AdoNetGrainStorageOptions>();

        var tracing = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        builder.UseOrleans(silo =>
        {
            if (tracing)
            {
                silo.AddActivityPropagation();
            }

            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = options.ClusterId;
                o.ServiceId = options.ServiceId;
            });

            if (dataSource is null)
            {
                var siloPort = options.SiloPort == 0 ? FreeLoopbackPort() : options.SiloPort;
                var gatewayPort = options.GatewayPort == 0 ? FreeLoopbackPort() : options.GatewayPort;
                silo.UseLocalhostClustering(siloPort, gatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId);

                // One silo owns the whole directory, so a cache of remote grain locations would only hold a second
                // entry per grain ever called (three per enrollment) and touch pages of a million-bucket table.
                silo.Configure<GrainDirectoryOptions>(o => o.CachingStrategy = GrainDirectoryOptions.CachingStrategyType.None);
                silo.Services.AddGrainStorage(StorageNames.Default, (services, _) =>
                    new EmbeddedGrainStorage(new OrleansGrainStorageSerializer(services.GetRequiredService<Serializer>())));
                silo.UseInMemoryReminderService();
                builder.Services.TryAddSingleton<IDatasetStore, MemoryDatasetStore>();
                return;
            }

            if (options.Kubernetes)
            {
                silo.Configure<EndpointOptions>(o =>
                {
                    o.SiloPort = options.SiloPort;
                    o.GatewayPort = options.GatewayPort;
                });
                silo.UseKubernetesHosting();
            }
            else
            {
                ConfigureEndpoints(silo, options);
            }

            silo.UseAdoNetClustering(o =>
            {
                o.Invariant = Invariant;
                o.DataSource = dataSource;
            });
            silo.AddAdoNetGrainStorage(StorageNames.Default, o =>
            {
                o.Invariant = Invariant;
                o.DataSource = dataSource;
            });
            silo.Services.AddResilientGrainStorage(StorageNames.Default, builder.ReadDatabaseOptions());
            silo.AddIncomingGrainCallFilter<StorageExceptionFilter>();
            silo.UseAdoNetReminderService(o =>
            {
                o.Invariant = Invariant;
                o.DataSource = dataSource;
            });
        });
        return builder;
    }

    /// <summary>Connects this host to P-PIPE silos as an Orleans client, retrying until a silo answers.</summary>
    public static IHostApplicationBuilder AddPPipeClient(this IHostApplicationBuilder builder)
    {
        var options = builder.BindOrleansOptions();
        if (options.Storage != OrleansStorage.PostgreSql)
        {
            throw new InvalidOperationException(
                "Cluster:Connection=Client needs Cluster:Storage=PostgreSql: clients find silos through the membership table.");
        }

        var dataSource = builder.AddPPipeDatabase();
        builder.AddPublicSite();
        builder.Services.TryAddSingleton<IDatasetStore, PostgresDatasetStore>();
        builder.Services.AddSingleton<ScenarioCatalog>();
        var tracing = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        builder.UseOrleansClient(client =>
        {
            if (tracing)
            {
                client.AddActivityPropagation();
            }

            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = options.ClusterId;
                o.ServiceId = options.ServiceId;
            });
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = Invariant;
                o.DataSource = dataSource;
            });
            client.UseConnectionRetryFilter<ClusterConnectionRetryFilter>();
        });
        return builder;
    }

    /// <summary>What silos need to call out: the address guard, webhook delivery, mail, enrollment timing.</summary>
    private static void AddOutboundChannels(this IHostApplicationBuilder builder)
    {
        builder.AddPublicSite();
        builder.Services.AddOptions<OutboundOptions>().BindConfiguration(OutboundOptions.Section);
        builder.Services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section).ValidateDataAnnotations();
        builder.Services.AddOptions<EnrollmentOptions>().BindConfiguration(EnrollmentOptions.Section).ValidateOnStart();
        builder.Services.AddOptions<StudentMailOptions>().BindConfiguration(StudentMailOptions.Section);
        builder.Services.AddPPipeGrainServices(builder.Configuration);
    }

    /// <summary>The platform's public address (<c>Site:PublicUrl</c>), checked at start, which links in mails and feeds start with.</summary>
    private static void AddPublicSite(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SiteOptions>().BindConfiguration(SiteOptions.Section)
            .Validate(o => o.PublicUrl is null || (o.PublicUrl.IsAbsoluteUri && o.PublicUrl.Scheme is "https" or "http"),
                "Site:PublicUrl must be an absolute http(s) URL, such as https://ppipe.example.edu/.")
            .ValidateOnStart();
        builder.Services.TryAddSingleton<PublicSite>();
    }

    /// <summary>Applies pending schema scripts when the storage is PostgreSQL and the operator allows it.</summary>
    public static async Task MigrateSchemaIfConfiguredAsync(this IHost host, CancellationToken cancellationToken = default)
    {
        var orleans = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<PPipeOrleansOptions>>().Value;
        var database = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DatabaseOptions>>().Value;
        if (orleans.Storage == OrleansStorage.PostgreSql && database.MigrateOnStart)
        {
            await host.Services.GetRequiredService<SchemaMigrator>().MigrateAsync(cancellationToken);
        }
    }

    /// <summary>Registers the PostgreSQL data source and the schema migrator.</summary>
    public static NpgsqlDataSource AddPPipeDatabase(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(DatabaseOptions.ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"Cluster:Storage=PostgreSql needs a connection string: set ConnectionStrings:{DatabaseOptions.ConnectionStringName} " +
                $"(environment variable ConnectionStrings__{DatabaseOptions.ConnectionStringName}).");
        }

        // One pool for all three Orleans providers and the migrator; the container disposes it.
        var dataSource = NpgsqlDataSource.Create(WithoutResetOnClose(WithPoolLimit(connectionString, builder.ReadDatabaseOptions().MaxPoolSize)));
        builder.Services.AddSingleton(dataSource);
        builder.Services.AddSingleton<SchemaMigrator>();
        return dataSource;
    }

    /// <summary>
    /// The connection string with <see cref="DatabaseOptions.MaxPoolSize"/> as its pool limit, unless the operator set
    /// one in the string itself (which then wins).
    /// </summary>
    public static string WithPoolLimit(string connectionString, int maxPoolSize)
    {
        var connection = new NpgsqlConnectionStringBuilder(connectionString);
        if (!Names(connectionString, "Maximum Pool Size", nameof(NpgsqlConnectionStringBuilder.MaxPoolSize)))
        {
            connection.MaxPoolSize = maxPoolSize;
        }

        return connection.ConnectionString;
    }

    /// <summary>
    /// The connection string with <c>No Reset On Close=true</c>, unless the operator set it in the string: a pooled
    /// connection is handed on without a <c>DISCARD ALL</c> before its next use. The storage, reminder and membership
    /// queries leave no session state behind (the migrator releases its advisory lock itself), and without it every
    /// storage operation costs the server a statement more (in a soak, as many resets as all other statements together).
    /// </summary>
    public static string WithoutResetOnClose(string connectionString)
    {
        var connection = new NpgsqlConnectionStringBuilder(connectionString);
        if (!Names(connectionString, "No Reset On Close", nameof(NpgsqlConnectionStringBuilder.NoResetOnClose)))
        {
            connection.NoResetOnClose = true;
        }

        return connection.ConnectionString;
    }

    /// <summary>Whether the operator's connection string sets the keyword, under either of its spellings.</summary>
    private static bool Names(string connectionString, string keyword, string property)
    {
        var raw = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        return raw.Keys.Cast<string>().Any(k =>
            k.Replace(" ", "", StringComparison.Ordinal).Equals(property, StringComparison.OrdinalIgnoreCase)
            || k.Equals(keyword, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The <c>Database</c> section, checked here because storage is set up before the host is built.</summary>
    private static DatabaseOptions ReadDatabaseOptions(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var problems = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        if (!System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), problems, validateAllProperties: true))
        {
            throw new InvalidOperationException($"Invalid {DatabaseOptions.Section} settings: {string.Join(" ", problems.Select(p => p.ErrorMessage))}");
        }

        return options;
    }

    private static PPipeOrleansOptions BindOrleansOptions(this IHostApplicationBuilder builder)
    {
        // Exceptions of the database driver and of Polly (Orleans' own placement uses it) may cross a grain call as
        // what they are, instead of failing to serialize and hiding the cause behind a codec error.
        builder.Services.Configure<ExceptionSerializationOptions>(o =>
        {
            o.SupportedNamespacePrefixes.Add("Npgsql");
            o.SupportedNamespacePrefixes.Add("Polly");
        });
        builder.Services.AddOptions<PPipeOrleansOptions>()
            .BindConfiguration(PPipeOrleansOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateDataAnnotations();

        var options = new PPipeOrleansOptions();
        builder.Configuration.GetSection(PPipeOrleansOptions.Section).Bind(options);
        return options;
    }

    /// <summary>
    /// Lets operators (and tests) tune failure detection and reminder limits from configuration,
    /// e.g. <c>Cluster__Reminders__MinimumReminderPeriod=00:00:02</c>. Defaults are Orleans' own except the reminder
    /// loading window and refresh period (below).
    /// </summary>
    private static void AddOrleansTuning(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ClusterMembershipOptions>().BindConfiguration($"{PPipeOrleansOptions.Section}:Membership");
        // Reminders due within the loading window hold a timer and its machinery in memory (about 2 KiB each); with a
        // 2-minute window and refresh, an enrollment's 15-minute safety-net reminder is loaded a fraction of the time.
        builder.Services.AddOptions<ReminderOptions>()
            .Configure(o =>
            {
                o.RefreshReminderListPeriod = TimeSpan.FromMinutes(2);
                o.ReminderLoadingWindow = TimeSpan.FromMinutes(2);
            })
            .BindConfiguration($"{PPipeOrleansOptions.Section}:Reminders");
    }

    /// <summary>
    /// Stores grain state with the Orleans serializer rather than the providers' default Newtonsoft JSON
    /// with CLR type names: state types are versioned by their <c>[Id]</c>s and <c>[Alias]</c>es, so
    /// renaming or moving a class never breaks stored state, and it is several times smaller and faster.
    /// </summary>
    private static void UseBinaryGrainState<TOptions>(this IServiceCollection services)
        where TOptions : class, IStorageProviderSerializerOptions
    {
        services.AddOptions<TOptions>(StorageNames.Default)
            .Configure<Serializer>((o, serializer) => o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer));
    }

    private static void ConfigureEndpoints(ISiloBuilder silo, PPipeOrleansOptions options)
    {
        var host = string.IsNullOrWhiteSpace(options.AdvertisedHost) ? Dns.GetHostName() : options.AdvertisedHost;
        if (IPAddress.TryParse(host, out var address))
        {
            silo.ConfigureEndpoints(address, options.SiloPort, options.GatewayPort, options.ListenOnAnyHostAddress);
        }
        else
        {
            silo.ConfigureEndpoints(host, options.SiloPort, options.GatewayPort, AddressFamily.InterNetwork, options.ListenOnAnyHostAddress);
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
