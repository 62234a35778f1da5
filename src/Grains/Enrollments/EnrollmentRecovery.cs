using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PPipe.Grains.Client.Cohorts;
using PPipe.Grains.Interfaces.Cohorts;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Grains.Interfaces.Library;
using PPipe.Grains.Interfaces.Roster;

namespace PPipe.Grains.Enrollments;

/// <summary>
/// Brings back, within seconds, the enrollments a failure left without a wake. An enrollment's next wake lives in the
/// memory of the silo it is active on (<see cref="EnrollmentWakeups"/>); when that silo dies, or when storage was down so
/// that activations and reminder ticks failed, nothing would call those enrollments before their next reminder tick,
/// up to <see cref="EnrollmentOptions.TickPeriod"/> later. So after a silo is declared dead, or storage answers again
/// after failing, the silos sweep the rosters of the cohorts that are not finished: each reads its share of the roster
/// pages and asks their students to report, which activates every enrollment that is not active, and an activation
/// catches up at once. Enrollments that are active cost a progress report. The work is split over the active silos by
/// roster page and paced: each silo waits for <see cref="EnrollmentsAtOnce"/> reports at a time, so bringing back a dead
/// silo's tens of thousands of enrollments does not crowd out the students' own requests.
/// </summary>
public sealed partial class EnrollmentRecovery(
    IClusterMembershipService membership,
    ILocalSiloDetails silo,
    IGrainFactory grains,
    CohortDirectory cohorts,
    TimeProvider time,
    ILogger<EnrollmentRecovery> logger) : BackgroundService
{
    /// <summary>The wait before a sweep, so that the cluster has settled (the dead silo's grains may be placed again).</summary>
    public static readonly TimeSpan SettleDelay = TimeSpan.FromSeconds(5);

    /// <summary>Enrollments one silo asks to report at once during a sweep.</summary>
    public const int EnrollmentsAtOnce = 32;

    // One pending request is enough: a sweep covers everything that happened before it started.
    private readonly Channel<string> _requests = Channel.CreateBounded<string>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Asks for a sweep soon (requests that arrive before it starts are folded into it).</summary>
    public void Request(string reason) => _requests.Writer.TryWrite(reason);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var watching = WatchMembershipAsync(stoppingToken);
        try
        {
            await foreach (var reason in _requests.Reader.ReadAllAsync(stoppingToken))
            {
                await Task.Delay(SettleDelay, time, stoppingToken);
                try
                {
                    await SweepAsync(reason, stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    LogSweepFailed(reason, e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await watching;
    }

    private async Task WatchMembershipAsync(CancellationToken stoppingToken)
    {
        HashSet<SiloAddress>? dead = null;
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stoppingToken))
            {
                var now = snapshot.Members.Where(m => m.Value.Status == SiloStatus.Dead).Select(m => m.Key).ToHashSet();
                if (dead is not null)
                {
                    foreach (var address in now.Except(dead))
                    {
                        Request($"silo {address} died");
                    }
                }

                // The first snapshot's dead silos died before this one started: whoever was up then swept for them.
                dead = now;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task SweepAsync(string reason, CancellationToken cancellationToken)
    {
        var active = membership.CurrentSnapshot.Members.Where(m => m.Value.Status == SiloStatus.Active)
            .Select(m => m.Key.ToParsableString()).Order(StringComparer.Ordinal).ToList();
        var rank = active.IndexOf(silo.SiloAddress.ToParsableString());
        if (rank < 0)
        {
            return;
        }

        var now = time.GetUtcNow();
        var running = new List<string>();
        foreach (var entry in await grains.GetGrain<ILibraryGrain>(ILibraryGrain.Key).CohortsAsync())
        {
            if (await cohorts.GetAsync(entry.Id) is { } cohort && cohort.StatusAt(now) != CohortStatus.Finished)
            {
                running.Add(cohort.Id);
            }
        }

        var mine = running.SelectMany(cohort => Enumerable.Range(0, RosterPages.Count).Select(page => RosterPages.KeyOf(cohort, page)))
            .Where((_, i) => i % active.Count == rank)
            .ToList();
        LogSweeping(reason, mine.Count, running.Count, active.Count);
        var options = new ParallelOptions { MaxDegreeOfParallelism = EnrollmentsAtOnce, CancellationToken = cancellationToken };
        foreach (var page in mine)
        {
            var cohortId = page[..page.LastIndexOf('/')];
            var students = await grains.GetGrain<IRosterPageGrain>(page).ListAsync();
            await Parallel.ForEachAsync(students.Where(s => !s.IsRemoved), options, async (student, _) =>
                await grains.GetGrain<IEnrollmentGrain>(new EnrollmentKey(cohortId, student.StudentId).ToString()).ReportProgressAsync());
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Recovery after '{Reason}': asking the students of {Pages} roster page(s) of {Cohorts} unfinished cohort(s) to catch up (this silo's share of {Silos})")]
    private partial void LogSweeping(string reason, int pages, int cohorts, int silos);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recovery after '{Reason}' did not finish; the next failure or the enrollments' reminders will catch up")]
    private partial void LogSweepFailed(string reason, Exception exception);
}
