using PPipe.Grains.Interfaces.Operations;

namespace PPipe.Grains.Client.Operations;

/// <summary>
/// The cluster as an operator sees it: the active silos from the membership table, their activations by grain type
/// (Orleans' management grain), and each silo's recent P-PIPE reports (<see cref="ISiloReportGrain"/>). One read costs
/// two management calls and one call per silo, whatever the number of students.
/// </summary>
public sealed class ClusterOperations(IGrainFactory grains, TimeProvider time)
{
    /// <summary>Grain types listed per silo, most activations first; the rest are summed as "other".</summary>
    public const int GrainTypesShown = 8;

    public async Task<ClusterOperationsView> ReadAsync()
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        var hosts = await management.GetDetailedHosts(onlyActive: true);
        var addresses = hosts.Select(h => h.SiloAddress).ToArray();
        var statistics = addresses.Length == 0 ? [] : await management.GetSimpleGrainStatistics(addresses);
        var reports = await Task.WhenAll(hosts.Select(h => grains.GetGrain<ISiloReportGrain>(h.SiloAddress.ToParsableString()).RecentAsync()));

        var silos = hosts.Select((host, i) =>
        {
            var counts = statistics.Where(s => s.SiloAddress.Equals(host.SiloAddress))
                .GroupBy(s => ShortTypeName(s.GrainType))
                .Select(g => new GrainTypeCount(g.Key, g.Sum(s => s.ActivationCount)))
                .OrderByDescending(c => c.Activations).ThenBy(c => c.GrainType, StringComparer.Ordinal)
                .ToList();
            var shown = counts.Take(GrainTypesShown).ToList();
            if (counts.Count > GrainTypesShown)
            {
                shown.Add(new GrainTypeCount("other", counts.Skip(GrainTypesShown).Sum(c => c.Activations)));
            }

            var recent = reports[i];
            return new SiloOperations(host.SiloAddress.ToParsableString(), host.SiloName, host.Status.ToString(),
                host.StartTime == default ? null : new DateTimeOffset(DateTime.SpecifyKind(host.StartTime, DateTimeKind.Utc)),
                counts.Sum(c => c.Activations), shown, recent.IsDefaultOrEmpty ? null : recent[^1], [.. recent.IsDefault ? [] : recent]);
        }).OrderBy(s => s.Name, StringComparer.Ordinal).ThenBy(s => s.Address, StringComparer.Ordinal).ToList();

        return new ClusterOperationsView(time.GetUtcNow(), silos);
    }

    /// <summary>A grain type as Orleans names it in statistics, without namespace and assembly: <c>EnrollmentGrain</c>.</summary>
    public static string ShortTypeName(string grainType)
    {
        var name = grainType.Split(',')[0];
        return name[(name.LastIndexOf('.') + 1)..];
    }
}

/// <summary>The cluster at <see cref="At"/>: one entry per active silo.</summary>
public sealed record ClusterOperationsView(DateTimeOffset At, IReadOnlyList<SiloOperations> Silos)
{
    /// <summary>Enrollments active across the silos, by their latest reports.</summary>
    public long ActiveEnrollments => Silos.Sum(s => s.Latest?.ActiveEnrollments ?? 0);
}

/// <summary>
/// One silo: its membership entry, its activations (total and by grain type) and its latest and recent reports
/// (oldest first; empty until its first report, ten seconds after it started).
/// </summary>
public sealed record SiloOperations(string Address, string Name, string Status, DateTimeOffset? StartedAt, int Activations,
    IReadOnlyList<GrainTypeCount> ActivationsByGrainType, SiloReport? Latest, IReadOnlyList<SiloReport> Recent);

/// <summary>Activations of one grain type on a silo.</summary>
public sealed record GrainTypeCount(string GrainType, int Activations);
