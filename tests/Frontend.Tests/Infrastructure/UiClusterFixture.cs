using Orleans.TestingHost;
using PPipe.Frontend.Cohorts;
using PPipe.Grains.Interfaces.Cohorts;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Grains.Interfaces.Roster;
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
        var (cohortId, _) = await TestCohorts.CreateAsync(Client, "taxi-fares", Clock.UtcNow.AddHours(-1), 1, roster, name ?? "Monitor test");
        return cohortId;
    }

    /// <summary>
    /// Creates a cohort of a template (or of a scenario uploaded from <paramref name="spec"/>) and enrolls the
    /// students (ids; their names are the ids capitalized); returns their enrollment keys and tokens in roster order.
    /// </summary>
    public async Task<(EnrollmentKey Key, string Token)[]> EnrollAsync(
        DateTimeOffset startsAt, double speed, string[] students, string template = "taxi-fares", string? spec = null)
    {
        var scenarioId = spec is null ? template : await TestCohorts.UploadScenarioAsync(Client, spec);
        return (await TestCohorts.CreateAsync(Client, scenarioId, startsAt, speed, students.Select(TestCohorts.Student))).Students;
    }
}
