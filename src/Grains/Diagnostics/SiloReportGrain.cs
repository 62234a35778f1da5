using System.Collections.Immutable;
using PPipe.Grains.Interfaces.Operations;

namespace PPipe.Grains.Diagnostics;

/// <summary>A silo's last reports, in memory (see <see cref="ISiloReportGrain"/>).</summary>
internal sealed class SiloReportGrain : Grain, ISiloReportGrain
{
    private readonly Queue<SiloReport> _reports = new();

    public Task ReportAsync(SiloReport report)
    {
        _reports.Enqueue(report);
        while (_reports.Count > ISiloReportGrain.MaxReports)
        {
            _reports.Dequeue();
        }

        return Task.CompletedTask;
    }

    public Task<ImmutableArray<SiloReport>> RecentAsync() => Task.FromResult(_reports.ToImmutableArray());
}
