using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;
using Orleans.TestingHost;
using PPipe.Frontend.Accounts;
using PPipe.Frontend.Students;
using PPipe.Grains;
using PPipe.Grains.Accounts;
using PPipe.Grains.Channels.Webhooks;
using PPipe.Grains.Cohorts;
using PPipe.Grains.Enrollments;
using PPipe.Grains.Outbound;
using PPipe.Grains.Probes;
using PPipe.Grains.Roster;
using PPipe.Grains.Scenarios;

namespace PPipe.Frontend.Tests.Student;

/// <summary>
/// An in-process silo with memory storage, registered the way the hosts register it, for the student's page:
/// cohorts and enrollments are created through the real grains, and each test uses fresh keys.
/// </summary>
public sealed class StudentClusterFixture : IAsyncLifetime
{
    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public async ValueTask InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(StorageNames.Default);
            silo.UseInMemoryReminderService();
            silo.Services.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
            silo.Services.AddSingleton<ScenarioCatalog>();
            silo.Services.AddSingleton<CohortDirectory>();
            silo.Services.Configure<EnrollmentOptions>(o => o.TickPeriod = TimeSpan.FromSeconds(1));
            silo.Services.Configure<OutboundOptions>(o => o.AllowLoopback = true);
            silo.Services.AddSingleton<OutboundHttp>();
            silo.Services.AddSingleton<WebhookSender>();
            silo.Services.AddPPipeProbes(silo.Configuration);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();

    /// <summary>
    /// Creates a cohort of a template (or of a scenario uploaded from <paramref name="spec"/>) and enrolls the
    /// students; returns their enrollment keys and tokens in roster order.
    /// </summary>
    public async Task<(EnrollmentKey Key, string Token)[]> EnrollAsync(
        DateTimeOffset startsAt, double speed, string[] students, string template = "taxi-fares", string? spec = null)
    {
        var scenarioId = template;
        if (spec is not null)
        {
            scenarioId = "s-" + Guid.NewGuid().ToString("N")[..12];
            var version = await Client.GetGrain<IScenarioGrain>(scenarioId).AddVersionAsync(spec);
            Assert.True(version.Version == 1, string.Join("; ", version.Errors));
        }

        var scenario = await new ScenarioCatalog(Client).GetAsync(scenarioId, 1);
        var cohortId = "c-" + Guid.NewGuid().ToString("N")[..12];
        var cohort = Client.GetGrain<ICohortGrain>(cohortId);
        Assert.True(await cohort.CreateAsync(new CohortDefinition("Spring cohort", scenarioId, 1, startsAt, speed), scenario.Duration));
        var outcomes = await cohort.EnrollAsync([.. students.Select((s, i) => new NumberedRosterRow(i + 1, new RosterRow(s, Capitalized(s), $"{s}@example.org")))]);
        Assert.All(outcomes, o => Assert.Null(o.Error));
        return [.. outcomes.OrderBy(o => o.Row).Select(o => (new EnrollmentKey(cohortId, o.StudentId), o.Token!))];
    }

    /// <summary>
    /// Registers what the student's page needs in a bUnit context: the cluster's grains, the front end's student
    /// services on <paramref name="time"/>, MudBlazor, and a signed-in principal.
    /// </summary>
    public void Configure(BunitContext context, FakeTimeProvider time, ClaimsPrincipal user)
    {
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        context.Services.AddOptions();
        context.Services.AddSingleton<TimeProvider>(time);
        context.Services.AddSingleton<IGrainFactory>(Client);
        context.Services.AddSingleton(new ScenarioCatalog(Client));
        context.Services.AddSingleton<CohortDirectory>();
        context.Services.AddSingleton<StudentContext>();

        var auth = context.AddAuthorization();
        auth.SetAuthorized(user.Identity!.Name!);
        auth.SetRoles([.. user.FindAll(ClaimTypes.Role).Select(c => c.Value)]);
        auth.SetClaims([.. user.Claims.Where(c => c.Type is not ClaimTypes.Name and not ClaimTypes.Role)]);
        if (user.IsInRole(AccountRoles.Student))
        {
            auth.SetPolicies(UiAuth.StudentPolicy);
        }
        else
        {
            auth.SetPolicies(UiAuth.InstructorPolicy);
        }
    }

    private static string Capitalized(string id) => char.ToUpperInvariant(id[0]) + id[1..];
}
