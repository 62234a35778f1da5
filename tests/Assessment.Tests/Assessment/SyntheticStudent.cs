using PPipe.Grains.Assessment;
using PPipe.Grains.Interfaces.Cohorts;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Grains.Interfaces.Probes;
using PPipe.Scenarios;
using PPipe.Scenarios.Scoring;
using PPipe.Scenarios.Templates;
using PPipe.Scenarios.Timeline;

namespace PPipe.Assessment.Tests.Assessment;

/// <summary>
/// Evidence a student of a given <see cref="StudentBehaviour"/> leaves in a scenario up to a scenario time: fetches,
/// batch outcomes and probes. The world is simple: before the first concept change (or recalibration) the stale
/// model is the true concept; after it, the stale model is clearly worse, and the student predicts like the stale
/// model until it adapts, then like the oracle.
/// </summary>
internal static class SyntheticStudent
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    public static Scenario Template(string id) => ScenarioTemplates.Get(id).Scenario;
    public static GradingInput Input(Scenario scenario, StudentBehaviour behaviour, TimeSpan? at = null)
    {
        var schedule = new ScenarioSchedule(scenario);
        var clock = CohortClock.Create(Start, 1);
        var now = at ?? scenario.Duration;
        var ledger = ProbeLedger.For(scenario);
        string? url = null;
        DateTimeOffset? registeredAt = null;
        if (behaviour.Deploys && scenario.Endpoint is { } endpoint)
        {
            var registers = behaviour.RegistersAt ?? endpoint.From - TimeSpan.FromHours(1);
            if (registers <= now)
            {
                url = "https://model.example.org/predict";
                registeredAt = Wall(registers);
                ledger.Record(Probe(scenario, behaviour, ProbeResult.VerificationSlot, registers));
                for (var slot = 0L; slot < schedule.ProbeSlotCount && endpoint.SlotTime(slot) <= now; slot++)
                {
                    if (endpoint.SlotTime(slot) >= registers)
                    {
                        ledger.Record(Probe(scenario, behaviour, slot, endpoint.SlotTime(slot)));
                    }
                }
            }
        }

        return new GradingInput(schedule, clock, Wall(now), Fetches(schedule, behaviour, now), Batches(schedule, behaviour, now), ledger, url, registeredAt);
    }

    public static DateTimeOffset Wall(TimeSpan scenarioTime) => Start + scenarioTime;

    public static ProbeResult Probe(Scenario scenario, StudentBehaviour behaviour, long slot, TimeSpan t)
    {
        var endpoint = scenario.Endpoint!;
        if (behaviour.ProbeFails(slot, t))
        {
            return new ProbeResult(slot, 1, Wall(t), t, false, null, endpoint.Timeout.TotalMilliseconds, behaviour.Failure, "No answer in time.", endpoint.RowsPerProbe, null);
        }

        var (oracle, stale) = Losses(scenario, t);
        var loss = Between(stale, oracle, Adapted(scenario, behaviour, t) ? behaviour.AdaptedQuality : behaviour.UnadaptedQuality);
        var quality = new ProbeQuality(endpoint.RowsPerProbe, double.NaN, loss, oracle, stale);
        return new ProbeResult(slot, 1, Wall(t), t, true, 200, behaviour.LatencyMs(slot), null, null, endpoint.RowsPerProbe, quality);
    }

    private static List<FetchRecord> Fetches(ScenarioSchedule schedule, StudentBehaviour behaviour, TimeSpan now)
    {
        var fetches = new List<FetchRecord>();
        if (behaviour.FetchDelay is not { } delay)
        {
            return fetches;
        }

        foreach (var release in schedule.Releases)
        {
            if (release.AvailableAt + delay <= now)
            {
                fetches.Add(new FetchRecord(release.Seq, Wall(release.AvailableAt + delay), ScenarioNames.Of(release.Channel)));
            }
        }

        return fetches;
    }

    private static List<BatchOutcome> Batches(ScenarioSchedule schedule, StudentBehaviour behaviour, TimeSpan now)
    {
        var scenario = schedule.Scenario;
        var outcomes = new List<BatchOutcome>();
        foreach (var batch in schedule.Batches)
        {
            var submittedAt = behaviour.SubmitsLate ? batch.DueAt + TimeSpan.FromHours(1) : batch.DueAt - TimeSpan.FromHours(1);
            if (submittedAt > now)
            {
                continue;
            }

            var (oracle, stale) = Scores(scenario, batch.DueAt);
            var score = Between(stale, oracle, Adapted(scenario, behaviour, batch.DueAt) ? behaviour.AdaptedQuality : behaviour.UnadaptedQuality);
            var penalty = behaviour.SubmitsLate && scenario.Batches!.Late.Kind == LatePolicyKind.Penalty ? scenario.Batches.Late.Penalty : 0;
            var relative = MetricScore.Relative(score, stale, oracle) * (1 - penalty);
            outcomes.Add(new BatchOutcome
            {
                Seq = batch.Seq,
                Submissions = 1,
                LastOnTimeAt = behaviour.SubmitsLate ? null : Wall(submittedAt),
                LastLateAt = behaviour.SubmitsLate ? Wall(submittedAt) : null,
                Scored = batch.DueAt <= now,
                ScoredAt = batch.DueAt <= now ? Wall(batch.DueAt) : null,
                CountedLate = behaviour.SubmitsLate,
                Score = score,
                Oracle = oracle,
                Stale = stale,
                Relative = double.IsFinite(relative) ? relative : null,
                Penalty = penalty,
                Rows = batch.Rows,
            });
        }

        return outcomes;
    }

    /// <summary>The value <paramref name="quality"/> of the way from the stale model's to the oracle's (equal before any change).</summary>
    private static double Between(double stale, double oracle, double quality) => stale + quality * (oracle - stale);

    private static TimeSpan? FirstChange(Scenario scenario) =>
        scenario.Drift.Where(d => d.CallsForRetraining).Select(d => (TimeSpan?)d.At).FirstOrDefault();

    /// <summary>True when the student predicts like the oracle at <paramref name="t"/>: before any change, or long
    /// enough after the latest one.</summary>
    private static bool Adapted(Scenario scenario, StudentBehaviour behaviour, TimeSpan t)
    {
        var latest = scenario.Drift.Where(d => d.CallsForRetraining && d.At <= t).Select(d => (TimeSpan?)d.At).LastOrDefault();
        return latest is not { } change || (behaviour.AdaptsAfter is { } after && t >= change + after);
    }

    private static (double Oracle, double Stale) Scores(Scenario scenario, TimeSpan t)
    {
        var changed = FirstChange(scenario) is { } change && t >= change;
        return scenario.Metric.HigherIsBetter()
            ? (0.90, changed ? 0.70 : 0.90)
            : (3.20, changed ? 5.30 : 3.20);
    }

    private static (double Oracle, double Stale) Losses(Scenario scenario, TimeSpan t) =>
        FirstChange(scenario) is { } change && t >= change ? (1.0, 2.0) : (1.0, 1.0);
}
