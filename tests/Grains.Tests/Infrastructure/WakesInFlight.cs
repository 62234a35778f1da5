using PPipe.Grains.Client.Cohorts;
using PPipe.Grains.Enrollments;

namespace PPipe.Grains.Tests.Infrastructure;

/// <summary>
/// The enrollment wakes the test silos have set off and that are not over yet, and the silos' cohort reads under way. A
/// wake falls due when the clock reaches its time, and a step of the clock is over only once every timer due has run
/// (<see cref="PPipe.TestSupport.ClusterClock"/>), so after a step each silo's <see cref="EnrollmentWakeups.Backlog"/>
/// counts the wakes it set off, including those still waiting for a place among the silo's wakes in flight (the shared
/// cluster holds every earlier test's enrollments, so a step can set off more wakes than run at once).
/// A wake stays in the backlog until the tick it calls is over, so <see cref="SettledAsync"/> waits until every silo's
/// backlog is empty (the wakes the ticks set off in turn included) and no cohort read is under way: what they did is
/// then in the grains. A cohort read runs on real time; were
/// the clock to move on while one is in flight, the silo would take it for a read that hangs after
/// <see cref="CohortDirectory.ReadPatience"/> and serve the last view it read (a cohort paused since would be seen
/// running). Webhook deliveries the wakes handed out run on real time too, so a settle also waits for them to be over
/// (<see cref="WebhookHandOuts.InFlight"/>).
/// </summary>
public sealed class WakesInFlight
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    /// <summary>How often a settle looks again while wakes are due or running, or reads under way.</summary>
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(1);

    private readonly Lock _lock = new();
    private readonly List<EnrollmentWakeups> _wakeups = [];
    private readonly List<CohortDirectory> _directories = [];
    private readonly List<WebhookHandOuts> _deliveries = [];

    /// <summary>Counts <paramref name="wakeups"/>' backlog in <see cref="SettledAsync"/>; returns it unchanged.</summary>
    internal EnrollmentWakeups Follow(EnrollmentWakeups wakeups)
    {
        lock (_lock)
        {
            _wakeups.Add(wakeups);
        }

        return wakeups;
    }

    /// <summary>Counts <paramref name="directory"/>'s reads in flight in <see cref="SettledAsync"/>; returns it unchanged.</summary>
    internal CohortDirectory Follow(CohortDirectory directory)
    {
        lock (_lock)
        {
            _directories.Add(directory);
        }

        return directory;
    }

    /// <summary>Counts <paramref name="handOuts"/>' deliveries under way in <see cref="SettledAsync"/>.</summary>
    internal void Follow(WebhookHandOuts handOuts)
    {
        lock (_lock)
        {
            _deliveries.Add(handOuts);
        }
    }

    /// <summary>
    /// Returns once no wake is due or running, no cohort read and no webhook delivery under way; a failed wake counts as
    /// over (the silo logs it and tries again later).
    /// </summary>
    public async Task SettledAsync()
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (true)
        {
            int backlog;
            int reads;
            int deliveries;
            lock (_lock)
            {
                backlog = _wakeups.Sum(w => w.Backlog);
                reads = _directories.Sum(d => d.ReadsInFlight);
                deliveries = _deliveries.Sum(d => d.InFlight);
            }

            if (backlog == 0 && reads == 0 && deliveries == 0)
            {
                return;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException(
                    $"{backlog} enrollment wake(s) due or running, {reads} cohort read(s) and {deliveries} webhook delivery(ies) under way after {Deadline.TotalSeconds:0} s.");
            }

            await Task.Delay(Poll < left ? Poll : left);
        }
    }
}
