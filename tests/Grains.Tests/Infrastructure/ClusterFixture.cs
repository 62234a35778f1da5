using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;
using PPipe.Grains.Client.Cohorts;
using PPipe.Grains.Client.Site;
using PPipe.Grains.Email;
using PPipe.Grains.Enrollments;
using PPipe.Grains.Mail;
using PPipe.Grains.Notifications;
using PPipe.TestSupport;

namespace PPipe.Grains.Tests.Infrastructure;

/// <summary>
/// One in-process cluster of two silos shared by the tests of <see cref="ClusterCollection"/>; each test uses fresh grain
/// keys. It runs on <see cref="Clock"/>, which stands still until a test moves it with <see cref="AdvanceAsync"/>.
/// Enrollment reminders tick every <see cref="EnrollmentTickPeriod"/>, so within a test only the silos' wakes (which
/// <see cref="Wakes"/> follows) bring an enrollment's events.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public static readonly TimeSpan WebhookRedeliverAfter = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The enrollments' reminder period in the test clusters. An enrollment's first tick falls at a random point of its
    /// period, and a reminder tick is not among what a clock step waits for: it reports progress with the grade of
    /// whatever moment it is delivered at, which can tell the student of a level change the test did not bring about.
    /// The shared cluster's clock travels about an hour and a half in a run and the quiet one's up to half an hour, so an
    /// hour's period gave most enrollments a first tick inside the run; forty days (near the longest reminder period
    /// Orleans takes, 49.7 days) give one enrollment in seven hundred at most.
    /// </summary>
    public static readonly TimeSpan EnrollmentTickPeriod = TimeSpan.FromDays(40);

    public static readonly TimeSpan PausedRecheck = TimeSpan.FromSeconds(1);

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public ClusterClock Clock { get; } = new();

    /// <summary>The silos' warnings and errors, for failure messages.</summary>
    public CapturedLogs Logs { get; } = new();

    public WakesInFlight Wakes { get; } = new();

    public WebhookHandOuts HandOuts { get; } = new();

    /// <summary>Every mail the silos sent; the platform's public address is <see cref="PublicUrl"/>.</summary>
    public RecordingMailTransport Mail { get; } = new();

    public static readonly Uri PublicUrl = new("https://ppipe.test/");

    /// <summary>Shorter than the default, so a test can see an address's allowance come back.</summary>
    public static readonly TimeSpan MailAddressWindow = TimeSpan.FromMinutes(1);

    public const int JoinRequestsPerCohortPerMinute = 20;

    /// <summary>The silos' mail transport: what notification tests script for their cohorts, then <see cref="Mail"/>.</summary>
    public MailsSent Mails { get; }

    /// <summary>The notification settings of the test silos: a half-minute window, reminders 6 scenario hours before a deadline.</summary>
    public static readonly TimeSpan NotificationWindow = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan NotificationRedeliverAfter = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan CohortCheckPeriod = TimeSpan.FromSeconds(5);

    public ClusterFixture()
    {
        Mails = new MailsSent(Mail);
        Wakes.Follow(HandOuts);
    }

    public async ValueTask InitializeAsync()
    {
        Cluster = new PPipeClusterBuilder(2)
            .WithClock(Clock)
            .WithLogs(Logs)
            .ConfigureSilo(silo =>
            {
                // The silos' own wake scheduler and cohort directory, followed so a clock step can wait for what it set off.
                silo.Services.AddSingleton(services => Wakes.Follow(ActivatorUtilities.CreateInstance<CohortDirectory>(services)));
                silo.Services.AddSingleton(services => Wakes.Follow(ActivatorUtilities.CreateInstance<EnrollmentWakeups>(services)));
                silo.AddOutgoingGrainCallFilter(HandOuts.InvokeAsync);
                silo.AddIncomingGrainCallFilter(HandOuts.DeliveredAsync);
                silo.Services.AddSingleton<IMailTransport>(Mails);
                silo.Services.Configure<SiteOptions>(o => o.PublicUrl = PublicUrl);
                silo.Services.Configure<StudentMailOptions>(o =>
                {
                    o.AddressWindow = MailAddressWindow;
                    o.JoinRequestsPerCohortPerMinute = JoinRequestsPerCohortPerMinute;
                });
                silo.Services.Configure<NotificationOptions>(o =>
                {
                    o.Window = NotificationWindow;
                    o.RedeliverAfter = NotificationRedeliverAfter;
                    o.DueSoonLead = TimeSpan.FromHours(6);
                    o.EndpointFailures = 3;
                    o.CohortCheckPeriod = CohortCheckPeriod;
                });
                silo.Services.Configure<EnrollmentOptions>(o =>
                {
                    o.TickPeriod = EnrollmentTickPeriod;
                    o.WebhookRedeliverAfter = WebhookRedeliverAfter;
                    o.PausedRecheck = PausedRecheck;
                });
            })
            .Build();
        await Cluster.DeployAsync();
    }

    /// <summary>Moves the cluster's clock on by <paramref name="span"/>, step by step, each step's wakes over before the next.</summary>
    public Task AdvanceAsync(TimeSpan span) => Clock.AdvanceAsync(span, Wakes.SettledAsync);

    /// <summary>Moves the cluster's clock on to <paramref name="at"/>; see <see cref="AdvanceAsync"/>.</summary>
    public Task AdvanceToAsync(DateTimeOffset at) => Clock.AdvanceToAsync(at, Wakes.SettledAsync);

    /// <summary>
    /// Stores <paramref name="state"/> as <paramref name="grain"/>'s persistent state <paramref name="stateName"/>, as if
    /// earlier calls had left it there: the grain reads it when it next activates (so it must not be active now). For
    /// states that take thousands of calls to build, such as a list at its bound.
    /// </summary>
    public Task SeedStateAsync<TState>(IAddressable grain, string stateName, TState state) =>
        Storage.WriteStateAsync(stateName, grain.GetGrainId(), new GrainState<TState>(state));

    /// <summary>The version tag of <paramref name="grain"/>'s stored state <paramref name="stateName"/> (null: never written): it changes with every write.</summary>
    public async Task<string?> StoredETagAsync<TState>(IAddressable grain, string stateName)
        where TState : new()
    {
        var stored = new GrainState<TState>(new TState());
        await Storage.ReadStateAsync(stateName, grain.GetGrainId(), stored);
        return stored.ETag;
    }

    /// <summary>
    /// Moves the clock <paramref name="step"/> at a time until <paramref name="probe"/>'s value satisfies
    /// <paramref name="done"/>, and returns it: for what a timer or reminder on the clock brings about once work on other
    /// threads (a report, a delivery) has arrived, so the clock must keep going while the test waits. Fails after
    /// <see cref="Eventually.DefaultTimeout"/> of real time.
    /// </summary>
    public async Task<T> AdvanceUntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan step, string what)
    {
        var deadline = DateTime.UtcNow + Eventually.DefaultTimeout;
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"Timed out after {Eventually.DefaultTimeout.TotalSeconds:0} s moving the clock for {what}. Last value: {value}");
            }

            await AdvanceAsync(step);
            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
    }

    /// <summary>
    /// Deactivates the idle grains while both silos are up, then stops the silos. The grains' in-memory storage is itself
    /// a grain on one of them: stopped with that silo first, it left a grain on the other whose deactivation writes state
    /// (a roster page) retrying the write for the whole deactivation timeout, 30 s. A collection that fails only makes
    /// the stop slow again, so it fails nothing.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        }
        catch (Exception e) when (e is TimeoutException or OrleansException)
        {
            // The stop below deactivates what is left, as it did before the collection was added.
        }

        await Cluster.DisposeAsync();
    }

    private IGrainStorage Storage => Cluster.GetSiloServiceProvider().GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);
}
