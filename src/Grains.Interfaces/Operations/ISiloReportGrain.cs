using System.Collections.Immutable;

namespace PPipe.Grains.Interfaces.Operations;

/// <summary>
/// The recent reports of one silo, keyed by the silo's address (<c>SiloAddress.ToParsableString()</c>). Each silo
/// reports every <see cref="ReportEvery"/>; the grain keeps the last <see cref="MaxReports"/> in memory only (operator
/// figures, not records: after the grain moves they start again from the next report).
/// </summary>
[Alias("ppipe.ISiloReportGrain")]
public interface ISiloReportGrain : IGrainWithStringKey
{
    public const int MaxReports = 60;

    public static readonly TimeSpan ReportEvery = TimeSpan.FromSeconds(10);

    [Alias("Report")]
    Task ReportAsync(SiloReport report);

    /// <summary>The reports kept, oldest first.</summary>
    [Alias("Recent")]
    Task<ImmutableArray<SiloReport>> RecentAsync();
}
