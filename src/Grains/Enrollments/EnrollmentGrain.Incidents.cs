using PPipe.Grains.Incidents;
using PPipe.Grains.Interfaces.Incidents;

namespace PPipe.Grains.Enrollments;

/// <summary>
/// The student's incident reports and the postmortems of their endpoint's outages. What a report matched, and whether the
/// day's limit is reached, is the <see cref="IncidentLedger"/>'s to decide; the grain supplies the scenario time.
/// </summary>
internal sealed partial class EnrollmentGrain
{
    public async Task<IncidentFiling> FileIncidentAsync(IncidentReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var at = await RefreshAsync();
        if (at.Elapsed < TimeSpan.Zero || at.Elapsed >= at.Scenario.Duration || Record.RemovedAt is not null)
        {
            return new IncidentFiling(IncidentFilingStatus.OutsideScenario, null, 0, null,
                at.Elapsed < TimeSpan.Zero ? "The scenario has not started: there is nothing to report yet." : "The scenario has ended: no more reports are taken.");
        }

        var filing = (Record.Incidents ??= new IncidentLedger())
            .File(report, at.Now, at.Elapsed, InjectedIncidents.Of(at.Scenario), at.Scenario.Monitoring);
        await SaveAsync();
        // A report can change the monitoring grade at once (a refused one counts as a false alarm too): the roster hears now.
        await ReportAsync(at.Scenario);
        return filing;
    }

    public Task<IncidentLog> GetIncidentsAsync() => Task.FromResult(Record is { Cohort: { } cohort, Incidents: { } ledger }
        ? ledger.Log(cohort.Clock.ElapsedAt(time.GetUtcNow()))
        : IncidentLedger.EmptyLog);

    public async Task<EndpointOutage?> FilePostmortemAsync(int outageId, string postmortem)
    {
        ArgumentNullException.ThrowIfNull(postmortem);
        if (Record.Cohort is not { } cohort || Record.Incidents?.FilePostmortem(outageId, postmortem, time.GetUtcNow()) is not { } outage)
        {
            return null;
        }

        await SaveAsync();
        await ReportAsync(await ScenarioAsync(cohort));
        return outage;
    }
}
