using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PPipe.Grains.Client.Roster;
using PPipe.Grains.Client.Scenarios;
using PPipe.Grains.Interfaces.Cohorts;
using PPipe.Grains.Interfaces.Roster;
using PPipe.Grains.Interfaces.Scenarios;
using PPipe.Hosting;

namespace PPipe.Notify.Bench;

/// <summary>
/// An embedded P-PIPE silo in this process, as the front end runs one in embedded mode (state in memory), its mail going
/// to the test SMTP server; and cohorts of students whose enrollments tick at every release.
/// </summary>
public sealed class NotifyPlatform : IAsyncDisposable
{
    private readonly IHost _host;

    private NotifyPlatform(IHost host) => _host = host;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public static async Task<NotifyPlatform> StartAsync(int smtpPort, int mailConcurrency)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cluster:Storage"] = "Memory",
            ["Cluster:SiloPort"] = "0",
            ["Cluster:GatewayPort"] = "0",
            ["Mail:Smtp:Host"] = "127.0.0.1",
            ["Mail:Smtp:Port"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mail:Smtp:Security"] = "None",
            ["Mail:From"] = "courses@ppipe.example.edu",
            ["Mail:MaxConcurrency"] = mailConcurrency.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Site:PublicUrl"] = "https://ppipe.example.edu/",
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.AddPPipeSilo();
        var host = builder.Build();
        await host.StartAsync();
        return new NotifyPlatform(host);
    }

    /// <summary>
    /// A running cohort of <paramref name="students"/> students (<c>{prefix}{n}@{domain}</c>) of <paramref name="spec"/> at
    /// <paramref name="speed"/>; returns its id.
    /// </summary>
    public async Task<string> CohortAsync(string spec, double speed, int students, string prefix, string domain)
    {
        var scenarioId = "s-" + Guid.NewGuid().ToString("N")[..12];
        var version = await Grains.GetGrain<IScenarioGrain>(scenarioId).AddVersionAsync(spec);
        if (version.Version != 1)
        {
            throw new InvalidOperationException("The bench's scenario is not valid: " + string.Join("; ", version.Errors));
        }

        var scenario = await new ScenarioCatalog(Grains).GetAsync(scenarioId, 1);
        var cohortId = "c-" + Guid.NewGuid().ToString("N")[..12];
        await Grains.GetGrain<ICohortGrain>(cohortId).CreateAsync(
            new CohortDefinition($"Bench {prefix}", scenarioId, 1, DateTimeOffset.UtcNow, speed), scenario.Duration);
        var rows = Enumerable.Range(1, students).Select(n => new NumberedRosterRow(n, new RosterRow($"{prefix}{n}", $"Student {n}", $"{prefix}{n}@{domain}"))).ToArray();
        var outcomes = await new RosterEnrollment(Grains).EnrollAsync(cohortId, [.. rows])
            ?? throw new InvalidOperationException("The bench's cohort vanished.");
        if (outcomes.FirstOrDefault(o => o.Error is not null) is { } refused)
        {
            throw new InvalidOperationException($"Row {refused.Row} was refused: {refused.Error}");
        }

        return cohortId;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
