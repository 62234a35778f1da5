using PPipe.Cluster.Soak.Load;
using PPipe.Cluster.Soak.Measure;

namespace PPipe.Cluster.Soak.Report;

/// <summary>
/// What students saw around one fault: the errors from its start until the second in which the next fault begins (or the
/// traffic's end), the minute after it began, and how long after the restore the last error came (time to recovery).
/// </summary>
public sealed record FaultFigures(
    FaultWindow Fault,
    double Until,
    IReadOnlyDictionary<Outcome, long> Errors,
    IReadOnlyDictionary<RequestClass, long> ErrorsByClass,
    long MinuteRequests,
    long MinuteErrors,
    long ErrorsAfter30Seconds,
    int? LastErrorSecond,
    long Failovers,
    long ScenarioOutages)
{
    /// <summary>Seconds from the restored process being up to the last error; 0 when errors stopped before it was up.</summary>
    public double? RecoveryAfterRestore => LastErrorSecond is { } last ? Math.Max(0, last + 1 - Fault.RestoredAt) : null;

    /// <summary>Seconds from the fault's start to the last error it caused.</summary>
    public double? ErrorsFor => LastErrorSecond is { } last ? last + 1 - Fault.StartedAt : null;

    public static IReadOnlyList<FaultFigures> Of(SoakReport report)
    {
        var faults = report.Faults.OrderBy(f => f.StartedAt).ToList();
        var figures = new List<FaultFigures>();
        for (var i = 0; i < faults.Count; i++)
        {
            var fault = faults[i];
            // Requests are counted by the whole second they ended in: the second in which the next fault begins is that
            // fault's, so that no error is counted for two faults (a front end killed at 259.5 s is not the database's).
            var until = i + 1 < faults.Count ? Math.Floor(faults[i + 1].StartedAt) : Math.Max(report.Traffic.To, fault.RestoredAt + 1);
            var requests = report.Requests;
            var errors = Outcomes.All.Where(Outcomes.IsError)
                .Select(o => (o, n: requests.Count(o, fault.StartedAt, until)))
                .Where(x => x.n > 0)
                .ToDictionary(x => x.o, x => x.n);
            // The minute after the fault began, cut short where the next fault begins so that its errors are not counted here.
            var minuteEnd = Math.Min(fault.StartedAt + 60, until);
            var minuteRequests = Outcomes.All.Sum(o => requests.Count(o, fault.StartedAt, minuteEnd));
            var minuteErrors = Outcomes.All.Where(Outcomes.IsError).Sum(o => requests.Count(o, fault.StartedAt, minuteEnd));
            var after30 = Outcomes.All.Where(Outcomes.IsError).Sum(o => requests.Count(o, fault.StartedAt + 30, until));
            figures.Add(new FaultFigures(fault, until, errors, requests.ErrorsByClass(fault.StartedAt, until), minuteRequests, minuteErrors, after30, requests.LastErrorSecond(fault.StartedAt, until),
                requests.Failovers(fault.StartedAt, until), requests.Count(Outcome.ScenarioOutage, fault.StartedAt, until)));
        }

        return figures;
    }

    public string ClassText() =>
        ErrorsByClass.Count == 0 ? "" : string.Join(", ", ErrorsByClass.OrderByDescending(e => e.Value).Select(e => $"{e.Key} {e.Value:N0}"));

    public string ErrorText() =>
        Errors.Count == 0 ? "none" : string.Join(", ", Errors.OrderByDescending(e => e.Value).Select(e => $"{Outcomes.Label(e.Key)} ×{e.Value:N0}"));
}
