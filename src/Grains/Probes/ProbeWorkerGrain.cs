using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using PPipe.Grains.Diagnostics;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Grains.Interfaces.Probes;

namespace PPipe.Grains.Probes;

/// <summary>
/// Sends probes for enrollments so that their turns never wait on a student's server. Reentrant, which is
/// safe because the grain holds no state: every call only awaits the thread-safe <see cref="ProbeClient"/>,
/// which bounds how many probes this silo sends at once (<see cref="ProbeOptions.MaxConcurrency"/>) and
/// queues the rest for a bounded time. Without reentrancy an activation would send one probe at a time.
/// </summary>
[StatelessWorker]
[Reentrant]
internal sealed partial class ProbeWorkerGrain(ProbeClient probes, PPipeMetrics metrics, ILogger<ProbeWorkerGrain> logger) : Grain, IProbeWorkerGrain
{
    public Task<ImmutableArray<ProbeResult>> ProbeAsync(ProbeJob job) => probes.ProbeAsync(job, CancellationToken.None);

    /// <summary>
    /// Probes the job's slot and reports it; for a job with a replay, then sends the earlier slot's rows again, when the
    /// endpoint has just answered, and reports that as the replay.
    /// </summary>
    public async Task RunAsync(ProbeJob job)
    {
        var results = await ProbeAndRecordAsync(job with { ReplayOf = null });
        if (job.ReplayOf is { } replayOf && results is [.., { Ok: true }])
        {
            await ProbeAndRecordAsync(job, replayOf);
        }
    }

    private async Task<ImmutableArray<ProbeResult>> ProbeAndRecordAsync(ProbeJob job, long? replayOf = null)
    {
        ImmutableArray<ProbeResult> results;
        try
        {
            results = await probes.ProbeAsync(job, CancellationToken.None);
            foreach (var result in results)
            {
                metrics.Probed(result.Ok);
            }
        }
        catch (ProbeCapacityException)
        {
            // Logged by the client; the platform was overloaded, so nothing is held against the student.
            return [];
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // A one-way call has nobody to throw to.
            LogCannotProbe(e, job.Enrollment.ToString(), job.Slot);
            return [];
        }

        try
        {
            var enrollment = GrainFactory.GetGrain<IEnrollmentGrain>(job.Enrollment.ToString());
            await (replayOf is { } earlier ? enrollment.RecordReplayAsync(earlier, results) : enrollment.RecordProbesAsync(results));
        }
        catch (Exception e)
        {
            // Not retried (grain calls are not blanket-retried); logged so that lost results are visible.
            LogNotRecorded(e, job.Enrollment.ToString(), job.Slot, results.Length);
        }

        return results;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Cannot probe {Enrollment} slot {Slot}")]
    private partial void LogCannotProbe(Exception exception, string enrollment, long slot);

    [LoggerMessage(Level = LogLevel.Error, Message = "The {Attempts} attempts of the probe of {Enrollment} slot {Slot} were not recorded")]
    private partial void LogNotRecorded(Exception exception, string enrollment, long slot, int attempts);
}
