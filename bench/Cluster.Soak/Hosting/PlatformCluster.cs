using System.Security.Cryptography;

namespace PPipe.Cluster.Soak.Hosting;

/// <summary>
/// The platform as an operator runs it in cluster mode, on loopback: the schema migration, N silo processes and M
/// front ends as Orleans clients, all configured through environment variables only (the README's "Cluster mode"),
/// each started in its own build output folder.
/// </summary>
public sealed class PlatformCluster : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    private readonly RepoLayout _repo;
    private readonly RunClock _clock;
    private readonly string _logDirectory;
    private readonly Dictionary<string, string> _common;
    private readonly List<HostProcess> _silos = [];
    private readonly List<HostProcess> _frontends = [];
    private readonly List<Uri> _frontendUris = [];

    public PlatformCluster(RepoLayout repo, PostgresServer postgres, SoakOptions options, RunClock clock, string logDirectory)
    {
        _repo = repo;
        _clock = clock;
        _logDirectory = logDirectory;
        var suffix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        ClusterId = "soak-" + suffix;
        AdminKey = "soak-admin-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _common = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            // The GC budget the launch profiles and container images set (README, "Memory and the GC").
            ["DOTNET_GCgen0size"] = "0x2000000",
            ["ConnectionStrings__PPipe"] = postgres.HostConnectionString(options.MaxPoolSize),
            ["Cluster__Storage"] = "PostgreSql",
            ["Cluster__ClusterId"] = ClusterId,
            ["Cluster__ServiceId"] = ClusterId,
            ["Cluster__AdvertisedHost"] = "127.0.0.1",
            // The students' webhooks and model endpoints are served by this harness on loopback.
            ["Outbound__AllowLoopback"] = "true",
            // Every cluster host needs the public address (links in mails start with it); the silos write the
            // students' notification mails to a pickup folder beside the logs, as no SMTP server is set.
            ["Site__PublicUrl"] = "https://ppipe.soak.test/",
            ["Mail__PickupDirectory"] = Path.Combine(logDirectory, "mail"),
        };
        foreach (var (key, value) in options.HostEnvironment)
        {
            _common[key] = value;
        }

        for (var i = 1; i <= options.Silos; i++)
        {
            var environment = new Dictionary<string, string>(_common)
            {
                ["Cluster__SiloPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Cluster__GatewayPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Database__MigrateOnStart"] = "false",
            };
            _silos.Add(new HostProcess($"silo-{i}", _repo.SiloDll, environment, Path.Combine(logDirectory, $"silo-{i}.log"), clock));
            ((Dictionary<int, string>)SiloByPort)[int.Parse(environment["Cluster__SiloPort"], System.Globalization.CultureInfo.InvariantCulture)] = $"silo-{i}";
        }

        for (var i = 1; i <= options.Frontends; i++)
        {
            var port = FreePort.Next();
            var environment = new Dictionary<string, string>(_common)
            {
                ["Cluster__Connection"] = "Client",
                ["Admin__ApiKey"] = AdminKey,
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            };
            _frontends.Add(new HostProcess($"frontend-{i}", _repo.FrontendDll, environment, Path.Combine(logDirectory, $"frontend-{i}.log"), clock));
            _frontendUris.Add(new Uri($"http://127.0.0.1:{port}/"));
        }
    }

    public string ClusterId { get; }

    public string AdminKey { get; }

    public IReadOnlyList<HostProcess> Silos => _silos;

    public IReadOnlyList<HostProcess> Frontends => _frontends;

    public IReadOnlyList<Uri> FrontendUris => _frontendUris;

    public IEnumerable<HostProcess> Hosts => _silos.Concat(_frontends);

    /// <summary>Each silo's name by its silo port (fixed for the run, across restarts).</summary>
    public IReadOnlyDictionary<int, string> SiloByPort { get; private set; } = new Dictionary<int, string>();

    /// <summary>The environment every host gets, for the report (the connection string included).</summary>
    public IReadOnlyDictionary<string, string> CommonEnvironment => _common;

    /// <summary><c>PPipe.Silo migrate</c>, as the README's first step.</summary>
    public async Task MigrateAsync(TextWriter log, CancellationToken cancellationToken)
    {
        await using var migrate = new HostProcess("migrate", _repo.SiloDll, _common, Path.Combine(_logDirectory, "migrate.log"), _clock, "migrate");
        migrate.Start();
        var exitCode = await migrate.WaitForExitAsync(StartTimeout, cancellationToken);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"PPipe.Silo migrate exited with {exitCode}; see {migrate.LogPath}.");
        }

        log.WriteLine($"Migrated the schema ({migrate.Tally.Lines} output lines).");
    }

    /// <summary>Starts every silo, then every front end, and waits until each says it is up.</summary>
    public async Task StartAsync(TextWriter log, CancellationToken cancellationToken)
    {
        foreach (var silo in _silos)
        {
            silo.Start();
        }

        await Task.WhenAll(_silos.Select(s => s.WaitForLineAsync("Application started", StartTimeout, cancellationToken)));
        log.WriteLine($"Silos up: {string.Join(", ", _silos.Select(s => $"{s.Name} pid {s.Pid}"))}");
        foreach (var frontend in _frontends)
        {
            frontend.Start();
        }

        await Task.WhenAll(_frontends.Select(f => f.WaitForLineAsync("P-PIPE is serving", StartTimeout, cancellationToken)));
        log.WriteLine($"Front ends up: {string.Join(", ", _frontends.Select((f, i) => $"{f.Name} pid {f.Pid} at {_frontendUris[i]}"))}");
    }

    /// <summary>Starts a killed host again with the same environment and waits until it is up.</summary>
    public async Task RestartAsync(HostProcess host, CancellationToken cancellationToken)
    {
        host.Start();
        var ready = _silos.Contains(host) ? "Application started" : "P-PIPE is serving";
        await host.WaitForLineAsync(ready, StartTimeout, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        // Front ends first: they are clients of the silos.
        foreach (var host in _frontends.Concat(_silos))
        {
            await host.DisposeAsync();
        }
    }
}
