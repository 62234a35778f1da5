using Orleans.TestingHost;
using PPipe.Frontend.Cohorts;
using PPipe.Grains.Interfaces.Cohorts;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Grains.Interfaces.Roster;
using PPipe.Grains.Interfaces.Scenarios;
using PPipe.Grains.Client.Scenarios;
using PPipe.TestSupport;

namespace PPipe.Frontend.Tests.Infrastructure;

/// <summary>
/// One in-process silo, registered the way the hosts register it, shared by the component tests of
/// <see cref="UiClusterCollection"/>: memory storage and reminders, the scenario catalog and cohort directory, and the
/// outbound services enrollments use to probe students' endpoints. Pages get <see cref="Client"/> as their
/// <see cref="IGrainFactory"/> (see <see cref="UiContext"/>); each test uses fresh grain keys. The silo runs on
/// <see cref="Clock"/>, which starts at the wall clock's now (tests state cohort times from either) and moves only when a
/// test moves it, so nothing a cohort schedules happens behind a test's back.
/// </summary>
public sealed class UiClusterFixture : IAsyncLifetime
{
    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public ClusterClock Clock { get; } = new(DateTimeOffset.UtcNow);

    public async ValueTask InitializeAsync()
    {
        // Enrollments keep their default tick: the reminder is only a safety net, their wakes bring each release,
        // deadline and probe on time.
        Cluster = new PPipeClusterBuilder(1).WithClock(Clock).Build();
        await Cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();

    /// <summary>Opens a cohort of version 1 of <paramref name="scenarioId"/> the way the admin API does, with nobody enrolled.</summary>
    public async Task<string> OpenCohortAsync(string name, DateTimeOffset startsAt, double speed = 1, string scenarioId = "taxi-fares") =>
        (await CohortEndpoints.OpenAsync(Client, new CohortDefinition(name, scenarioId, 1, startsAt, speed), TimeSpan.FromDays(28))).Id;

    /// <summary>Creates a running taxi-fares cohort (started an hour ago) and enrolls <paramref name="students"/> students s0000….</summary>
    public async Task<string> CohortWithStudentsAsync(int students, string? name = null)
    {
        var roster = Enumerable.Range(0, students).Select(i => new RosterRow($"s{i:0000}", $"Student {i:0000}", $"s{i:0000}@example.edu"));
        var (cohortId, _) = await CreateCohortAsync(name ?? "Monitor test", "taxi-fares", Clock.UtcNow.AddHours(-1), 1, roster);
        return cohortId;
    }

    /// <summary>
    /// Creates a cohort of a template (or of a scenario uploaded from <paramref name="spec"/>) and enrolls the
    /// students (ids; their names are the ids capitalized); returns their enrollment keys and tokens in roster order.
    /// </summary>
    public async Task<(EnrollmentKey Key, string Token)[]> EnrollAsync(
        DateTimeOffset startsAt, double speed, string[] students, string template = "taxi-fares", string? spec = null)
    {
        var scenarioId = template;
        if (spec is not null)
        {
            scenarioId = NewId("s-");
            var version = await Client.GetGrain<IScenarioGrain>(scenarioId).AddVersionAsync(spec);
            Assert.True(version.Version == 1, string.Join("; ", version.Errors));
        }

        var roster = students.Select(s => new RosterRow(s, char.ToUpperInvariant(s[0]) + s[1..], $"{s}@example.org"));
        return (await CreateCohortAsync("Spring cohort", scenarioId, startsAt, speed, roster)).Students;
    }

    /// <summary>Creates a cohort of version 1 of <paramref name="scenarioId"/> and enrolls <paramref name="roster"/>, which must all be accepted.</summary>
    public async Task<(string CohortId, (EnrollmentKey Key, string Token)[] Students)> CreateCohortAsync(
        string name, string scenarioId, DateTimeOffset startsAt, double speed, IEnumerable<RosterRow> roster)
    {
        var scenario = await new ScenarioCatalog(Client).GetAsync(scenarioId, 1);
        var cohortId = NewId("c-");
        var cohort = Client.GetGrain<ICohortGrain>(cohortId);
        Assert.True(await cohort.CreateAsync(new CohortDefinition(name, scenarioId, 1, startsAt, speed), scenario.Duration));
        var outcomes = await cohort.EnrollAsync([.. roster.Select((row, i) => new NumberedRosterRow(i + 1, row))]);
        Assert.All(outcomes, o => Assert.Null(o.Error));
        return (cohortId, [.. outcomes.OrderBy(o => o.Row).Select(o => (new EnrollmentKey(cohortId, o.StudentId), o.Token!))]);
    }

    private static string NewId(string prefix) => prefix + Guid.NewGuid().ToString("N")[..12];
}
