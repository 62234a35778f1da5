using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PPipe.Grains.Enrollments;
using PPipe.Grains.Interfaces.Operations;

namespace PPipe.Grains.Diagnostics;

/// <summary>
/// A second after the silo starts and then every <see cref="ISiloReportGrain.ReportEvery"/>, sends this silo's activity window and process figures to its
/// <see cref="ISiloReportGrain"/>, where the operator page reads them. A report that cannot be sent (the cluster is
/// failing over) is dropped; its window is gone with it, which the page shows as a gap.
/// </summary>
internal sealed partial class SiloActivityReporter(
    ILocalSiloDetails silo,
    IGrainFactory grains,
    PPipeMetrics metrics,
    EnrollmentWakeups wakeups,
    TimeProvider time,
    ILogger<SiloActivityReporter> logger) : BackgroundService
{
    public static readonly TimeSpan FirstReportAfter = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var key = silo.SiloAddress.ToParsableString();
        var report = grains.GetGrain<ISiloReportGrain>(key);
        using var process = Process.GetCurrentProcess();
        var from = time.GetUtcNow();
        var cpuFrom = process.TotalProcessorTime;
        using var timer = new PeriodicTimer(ISiloReportGrain.ReportEvery, time);
        try
        {
            // The first report comes soon, so that a silo just started shows on the operator page.
            await Task.Delay(FirstReportAfter, time, stoppingToken);
            do
            {
                var to = time.GetUtcNow();
                process.Refresh();
                var cpuTo = process.TotalProcessorTime;
                var wall = (to - from).TotalSeconds;
                var figures = new SiloReport(key, metrics.Window.Take(from, to), metrics.ActiveEnrollments, wakeups.Count,
                    process.WorkingSet64, wall > 0 ? (cpuTo - cpuFrom).TotalSeconds / wall : 0);
                (from, cpuFrom) = (to, cpuTo);
                try
                {
                    await report.ReportAsync(figures).WaitAsync(ISiloReportGrain.ReportEvery, stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    LogReportDropped(e.GetType().Name, e.Message);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "The silo's operator report was dropped: {Error}: {Reason}")]
    private partial void LogReportDropped(string error, string reason);
}
