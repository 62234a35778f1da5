using System.Globalization;
using PPipe.Assessment.Tests.Assessment;
using PPipe.Grains.Assessment;
using PPipe.Grains.Incidents;
using PPipe.Grains.Interfaces.Assessment;
using PPipe.Grains.Interfaces.Incidents;
using PPipe.Grains.Interfaces.Probes;
using PPipe.Grains.Rollouts;
using PPipe.Scenarios;
using PPipe.Scenarios.Events;
using PPipe.Scenarios.Spec;
using PPipe.Scenarios.Templates;
using PPipe.Scenarios.Timeline;

namespace PPipe.Grading.Bench;

/// <summary>
/// One student's enrollment at the end of a template's scenario, as four grading inputs. The evidence (every release fetched,
/// every batch submitted and scored, a probe for every slot) is the grader's tests' own <see cref="SyntheticStudent"/>,
/// linked from tests/Assessment.Tests; the incident ledger, the model lineage and the deploys are recorded the way the
/// enrollment records them (<c>EnrollmentState.RecordProbes</c>, <c>ObserveModel</c>, the incidents API): every probe
/// observed for outages and deploys, reports filed in time order against the injected events, every answer and submission
/// naming the model that made it. The reproducibility record holds the counts a replay every sixth slot would have made.
/// The same fetches, batches and probe ledger go into every input.
/// </summary>
internal sealed class BenchEnrollment
{
    /// <summary>The relative weight the assessed scenario gives each new criterion, on the scale of the template's weights (which add up to 1).</summary>
    public const double NewCriterionWeight = 0.10;

    public const int ReportsFiled = 20;

    public const int ModelVersions = 10;

    private static readonly TimeSpan[] ReportDelays = [TimeSpan.FromHours(3), TimeSpan.FromHours(10), TimeSpan.FromHours(20)];

    private BenchEnrollment(string templateId, StudentBehaviour behaviour)
    {
        Template = ScenarioTemplates.Get(templateId).Scenario;
        Assessed = WithNewCriteria(Template);
        var templateSchedule = new ScenarioSchedule(Template);
        var assessedSchedule = new ScenarioSchedule(Assessed);
        if (templateSchedule.Releases.Count != assessedSchedule.Releases.Count || templateSchedule.Batches.Count != assessedSchedule.Batches.Count
            || templateSchedule.ProbeSlotCount != assessedSchedule.ProbeSlotCount)
        {
            throw new InvalidOperationException($"The assessed {templateId} does not keep the template's timeline.");
        }

        // The scenario's worth of evidence, exactly as the grader's tests build it, with one schedule per scenario built once,
        // as the silo's scenario catalog keeps it.
        var evidence = SyntheticStudent.Input(Template, behaviour) with { Schedule = templateSchedule };
        var probes = Probes(Template, behaviour, evidence.EndpointRegisteredAt is null ? null : behaviour.RegistersAt ?? Template.Endpoint!.From - TimeSpan.FromHours(1));
        Incidents = IncidentsOf(Assessed, probes);
        var (lineage, versionAt) = LineageOf(Assessed, assessedSchedule, evidence, probes, behaviour);
        Lineage = lineage;
        Rollouts = RolloutsOf(Assessed, evidence, probes, versionAt);
        Reproducibility = ReproducibilityOf(Assessed, probes, evidence);

        Baseline = evidence with { Grading = new CourseGrading(Template.Grading, GradingPolicy.WeightedMean) };
        NewCriteria = evidence with
        {
            Schedule = assessedSchedule,
            Incidents = Incidents,
            Lineage = Lineage,
            Reproducibility = Reproducibility,
            Rollouts = Rollouts,
            Grading = new CourseGrading(Assessed.Grading, GradingPolicy.AllProficient),
        };
        NewCriteriaWeightedMean = NewCriteria with { Grading = new CourseGrading(Assessed.Grading, GradingPolicy.WeightedMean) };
        SwitchedOff = NewCriteria with
        {
            Grading = new CourseGrading(
                Assessed.Grading.WithWeights(NewCriteriaNames.ToDictionary(c => c, _ => 0.0))!,
                GradingPolicy.WeightedMean),
        };
        ProbeResults = probes.Count;
    }

    /// <summary>The criteria issue 14 added, each opt-in.</summary>
    public static readonly Criterion[] NewCriteriaNames = [Criterion.Monitoring, Criterion.Lineage, Criterion.Reproducibility, Criterion.Rollout];

    /// <summary>The template as shipped: its own rubric, without the new criteria.</summary>
    public Scenario Template { get; }

    /// <summary>The template read from a spec whose rubric also names the new criteria, everything else the template's.</summary>
    public Scenario Assessed { get; }

    /// <summary>Today's path: the template's rubric, the weighted mean, no incident ledger, lineage, replays or deploys.</summary>
    public GradingInput Baseline { get; }

    /// <summary>The assessed rubric under the all-proficient policy, with the incident ledger, the lineage, the reproducibility record and the deploys.</summary>
    public GradingInput NewCriteria { get; }

    public GradingInput NewCriteriaWeightedMean { get; }

    /// <summary>The assessed scenario and its evidence, in a cohort that weighs every new criterion 0.</summary>
    public GradingInput SwitchedOff { get; }

    public IncidentLedger Incidents { get; }

    public ModelLineage Lineage { get; }

    public ReproducibilityRecord Reproducibility { get; }

    public RolloutLedger Rollouts { get; }

    public int ProbeResults { get; }

    /// <summary>A student who fetches every release two hours after it appears, submits every batch an hour before it is due,
    /// retrains two days after each concept change, and whose endpoint is down three times for a few probes (and misses one probe in 211).</summary>
    public static StudentBehaviour Realistic(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var interval = scenario.Endpoint!.ProbeInterval;
        var down = interval * 1.5 > TimeSpan.FromHours(5) ? interval * 1.5 : TimeSpan.FromHours(5);
        TimeSpan[] outages = [scenario.Duration * 0.3, scenario.Duration * 0.55, scenario.Duration * 0.8];
        return new StudentBehaviour
        {
            FetchDelay = TimeSpan.FromHours(2),
            AdaptsAfter = TimeSpan.FromDays(2),
            ProbeFails = (slot, t) => slot % 211 == 7 || outages.Any(o => t >= o && t < o + down),
            LatencyMs = slot => 40 + slot * 37 % 180,
        };
    }

    public static BenchEnrollment AtTheEnd(string templateId, StudentBehaviour? behaviour = null) =>
        new(templateId, behaviour ?? Realistic(ScenarioTemplates.Get(templateId).Scenario));

    /// <summary>The spec an instructor writes to add the new criteria to a template's rubric (the endpoint benchmark uploads it).</summary>
    public static string NewCriteriaSpec(Scenario template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var weights = template.Grading.Criteria
            .Select(c => (Name: ScenarioNames.Of(c.Criterion), c.Weight))
            .Concat(NewCriteriaNames.Select(c => (Name: ScenarioNames.Of(c), Weight: NewCriterionWeight)))
            .Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Name}: {c.Weight}"));
        return $"template: {template.TemplateId}\ngrading: {{criteria: {{{string.Join(", ", weights)}}}}}";
    }

    /// <summary>The template with the new criteria added to its rubric, as an instructor's spec adds them.</summary>
    private static Scenario WithNewCriteria(Scenario template)
    {
        var read = ScenarioSpecReader.Read(NewCriteriaSpec(template));
        return read.IsValid ? read.Scenario : throw new InvalidOperationException(string.Join("; ", read.Errors));
    }

    /// <summary>The probe results <see cref="SyntheticStudent.Input"/> recorded in its ledger, in the same order.</summary>
    private static List<ProbeResult> Probes(Scenario scenario, StudentBehaviour behaviour, TimeSpan? registers)
    {
        var results = new List<ProbeResult>();
        if (registers is not { } from || scenario.Endpoint is not { } endpoint)
        {
            return results;
        }

        results.Add(SyntheticStudent.Probe(scenario, behaviour, ProbeResult.VerificationSlot, from));
        var slots = new ScenarioSchedule(scenario).ProbeSlotCount;
        for (var slot = 0L; slot < slots && endpoint.SlotTime(slot) <= scenario.Duration; slot++)
        {
            if (endpoint.SlotTime(slot) >= from)
            {
                results.Add(SyntheticStudent.Probe(scenario, behaviour, slot, endpoint.SlotTime(slot)));
            }
        }

        return results;
    }

    /// <summary>
    /// The ledger after every probe was observed and <see cref="ReportsFiled"/> reports were filed: each injected event
    /// reported a few hours after it began (3, 10 or 20), the rest spread over the scenario in turn a repeat report of the
    /// latest event begun, a drift report naming a feature (a false alarm unless an event is near) and an <c>other</c>
    /// note; and a postmortem for every outage of the endpoint but the last.
    /// </summary>
    private static IncidentLedger IncidentsOf(Scenario scenario, List<ProbeResult> probes)
    {
        var ledger = new IncidentLedger();
        foreach (var probe in probes)
        {
            ledger.Observe(probe, scenario.Monitoring);
        }

        var events = InjectedIncidents.Of(scenario);
        var reports = new List<(TimeSpan At, IncidentReport Report)>();
        foreach (var e in events)
        {
            var at = e.At + ReportDelays[e.Index % ReportDelays.Length];
            if (at <= scenario.Duration)
            {
                reports.Add((at, new IncidentReport(e.Kind, e.Features.IsDefaultOrEmpty ? [] : [e.Features[0]], e.Channel, e.At,
                    $"Our checks flagged {e.What} a few hours after it began.")));
            }
        }

        var features = scenario.Features.Select(f => f.Name).ToList();
        var more = ReportsFiled - reports.Count;
        for (var i = 0; i < more; i++)
        {
            var at = scenario.Duration * ((i + 0.5) / more);
            var latest = events.LastOrDefault(e => e.At <= at);
            var feature = features[i % features.Count];
            reports.Add((at, (i % 3, latest) switch
            {
                (0, { } e) => new IncidentReport(e.Kind, e.Features.IsDefaultOrEmpty ? [] : [e.Features[^1]], e.Channel, e.At, $"Still seeing {e.What}."),
                (2, _) => new IncidentReport(IncidentKind.Other, [], null, at - TimeSpan.FromHours(2), "Retrained on the latest releases; nothing unusual."),
                _ => new IncidentReport(IncidentKind.Drift, [feature], null, at - TimeSpan.FromHours(4), $"The distribution of {feature} looks shifted on the dashboard."),
            }));
        }

        foreach (var (at, report) in reports.OrderBy(r => r.At))
        {
            ledger.File(report, SyntheticStudent.Wall(at), at, events, scenario.Monitoring);
        }

        foreach (var outage in ledger.Outages.SkipLast(1).ToList())
        {
            ledger.FilePostmortem(outage.Id, "The model server ran out of memory under the evening load; the limit is raised and an alert fires at 80 %.",
                SyntheticStudent.Wall(outage.To + TimeSpan.FromHours(12)));
        }

        return ledger;
    }

    /// <summary>
    /// <see cref="ModelVersions"/> versions, each trained through the newest release fetched when it took over: one from
    /// the first answer or submission, one when the student has adapted to each concept change
    /// (<see cref="StudentBehaviour.AdaptsAfter"/>), the rest evenly spread to the end; every answer and every counted
    /// submission names the version of its time.
    /// </summary>
    private static (ModelLineage Lineage, Func<TimeSpan, ModelStamp> VersionAt) LineageOf(Scenario scenario, ScenarioSchedule schedule, GradingInput evidence, List<ProbeResult> probes, StudentBehaviour behaviour)
    {
        var sightings = probes.Where(p => p.Ok).Select(p => (p.At, Batch: (int?)null))
            .Concat(evidence.Batches.Select(b => (At: (b.CountedLate ? b.LastLateAt : b.LastOnTimeAt) ?? default, Batch: (int?)b.Seq)).Where(s => s.At != default))
            .OrderBy(s => s.At)
            .ToList();
        var first = sightings.Count > 0 ? evidence.Clock.ElapsedAt(sightings[0].At) : TimeSpan.Zero;
        var takeovers = Enumerable.Range(0, ModelVersions).Select(k => first + (scenario.Duration - first) * k / ModelVersions).ToList();
        if (behaviour.AdaptsAfter is { } after)
        {
            foreach (var change in scenario.Drift.Where(d => d is ConceptDrift or Recalibration))
            {
                var adapted = change.At + after;
                var nearest = takeovers.Skip(1).MinBy(t => (t - adapted).Duration());
                takeovers[takeovers.IndexOf(nearest)] = adapted;
            }
        }

        takeovers.Sort();
        var versions = takeovers.Select((t, k) => (From: t, Stamp: new ModelStamp($"v{k + 1}",
            Math.Max(1, evidence.Fetches.Where(f => f.At <= SyntheticStudent.Wall(t)).Select(f => f.Seq).DefaultIfEmpty(0).Max()),
            $"sha256:{k + 1:x4}{scenario.Seed:x16}"))).ToList();
        var lineage = new ModelLineage();
        foreach (var (at, batch) in sightings)
        {
            var elapsed = evidence.Clock.ElapsedAt(at);
            lineage.Observe(versions.Last(v => v.From <= elapsed).Stamp, ModelSighting.Of(elapsed, at, batch, evidence.Fetches, schedule));
        }

        return (lineage, elapsed => versions.Where(v => v.From <= elapsed).Select(v => v.Stamp).DefaultIfEmpty(versions[0].Stamp).Last());
    }

    /// <summary>The deploys the probes show: every probe observed in order, each answer naming the version of its time, so
    /// each version after the first is a deploy (some with the outages' failed probes in their windows).</summary>
    private static RolloutLedger RolloutsOf(Scenario scenario, GradingInput evidence, List<ProbeResult> probes, Func<TimeSpan, ModelStamp> versionAt)
    {
        var plan = RolloutPlan.For(scenario)!;
        var ledger = new RolloutLedger();
        foreach (var probe in probes)
        {
            var elapsed = evidence.Clock.ElapsedAt(probe.At);
            ledger.Observe(probe.Ok ? probe with { Model = versionAt(elapsed) } : probe, elapsed, plan);
        }

        return ledger;
    }

    /// <summary>
    /// The counts of a replay after every sixth scheduled probe (each a check but the first under each version), with one in
    /// twenty differing, and two resubmissions of which one differed: the record is counts and three mismatches at most, so
    /// its size does not grow with the scenario.
    /// </summary>
    private static ReproducibilityRecord ReproducibilityOf(Scenario scenario, List<ProbeResult> probes, GradingInput evidence)
    {
        var record = new ReproducibilityRecord();
        var replays = Math.Max(0, probes.Count(p => p.Ok && p.Slot >= 0) / 6 - ModelVersions);
        record.ProbeChecks = replays;
        record.ProbeMatches = replays - replays / 20;
        var at = scenario.Duration / 2;
        for (var i = 0; i < Math.Min(ReproducibilityRecord.MismatchCapacity - 1, replays / 20); i++)
        {
            record.FirstMismatches.Add(new ReproducibilityMismatch(null, at + TimeSpan.FromDays(i), "v5", 3, 20));
        }

        if (evidence.Batches.Count >= 2)
        {
            record.RecordResubmission(evidence.Batches[0].Seq, TimeSpan.FromDays(1), "v1", (0, 500));
            record.RecordResubmission(evidence.Batches[1].Seq, TimeSpan.FromDays(2), "v1", (12, 500));
        }

        return record;
    }
}
