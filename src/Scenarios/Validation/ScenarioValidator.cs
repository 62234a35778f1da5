using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using PPipe.Scenarios.Datasets;
using PPipe.Scenarios.Events;
using PPipe.Scenarios.Spec;
using PPipe.Scenarios.Templates;

namespace PPipe.Scenarios.Validation;

/// <summary>
/// Checks a merged spec against every rule and builds the <see cref="Scenario"/>. Each rule reports with the
/// path of the offending value and says what to write instead; checking goes on after an error so the
/// author sees everything at once. Whatever passes here generates, schedules and scores without failing.
/// </summary>
internal sealed partial class ScenarioValidator(ScenarioSpec spec, ScenarioTemplate? template, List<SpecError> errors)
{
    public const int MaxReleases = 10_000;
    public const int MaxRowsPerRelease = 1_000_000;
    public const long MaxReleaseRows = 100_000_000;
    public const int MaxBatches = 10_000;
    public const int MaxRowsPerBatch = 100_000;
    public const long MaxProbeSlots = 10_000_000;
    public const int MaxRowsPerProbe = 1_000;
    public const int MaxSubmissionLimit = 1_000;
    private static readonly TimeSpan MaxDuration = TimeSpan.FromDays(365);
    private static readonly TimeSpan MinTimeout = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxTimeout = TimeSpan.FromSeconds(60);

    private static readonly string[] DriftKinds = ["concept", "covariate", "recalibration", "label"];
    private const double MaxClassFactor = 100;
    private static readonly string[] QuirkKinds = ["labelNoise", "newCategory", "missingValues", "duplicates", "renameColumn", "addColumn", "lateRows", "outage"];

    private static readonly Dictionary<string, string[]> DriftKeys = new()
    {
        ["concept"] = ["mode", "effects", "over", "period", "active", "for"],
        ["covariate"] = ["feature", "shift", "over"],
        ["recalibration"] = ["feature", "shift"],
        ["label"] = ["classes", "over"],
    };

    private static readonly Dictionary<string, string[]> QuirkKeys = new()
    {
        ["labelNoise"] = ["rate", "for"],
        ["newCategory"] = ["feature", "value", "rate", "effect"],
        ["missingValues"] = ["rate", "columns", "for"],
        ["duplicates"] = ["rate", "for"],
        ["renameColumn"] = ["column", "to"],
        ["addColumn"] = ["column", "values", "mean", "sd", "decimals"],
        ["lateRows"] = ["rate", "delay", "for"],
        ["outage"] = ["channel", "for"],
    };

    private TimeSpan _duration = TimeSpan.FromDays(28);
    private bool _durationKnown;

    public Scenario? Validate()
    {
        CheckTemplate();
        var seed = spec.Seed ?? 1;
        if (seed < 0)
        {
            Error("seed", $"{seed} must be zero or more");
        }

        CheckDuration();
        var metric = CheckTaskTargetMetric();
        var forecast = CheckForecast(template?.Task ?? (ScenarioNames.TryParse<ScenarioTask>(spec.Task, out var written) ? written : null));
        var releases = CheckReleases(forecast);
        var batches = CheckBatches(forecast);
        if (forecast is not null && releases is not null && batches is not null && _durationKnown)
        {
            CheckForecastBatches(releases, batches);
        }

        if (forecast is not null && releases is not null && _durationKnown)
        {
            CheckRecordedSteps(forecast, releases);
        }

        var endpoint = CheckEndpoint();
        if (forecast is not null && releases is not null && endpoint is not null && endpoint.From < releases.First)
        {
            Error("endpoint.from", $"probes would start at {Format(endpoint.From)}, before the first release ({Format(releases.First)}); a forecast needs history first");
        }

        var features = template?.Features.ToList() ?? [];
        var drift = CheckDrift(features);
        var quirks = CheckQuirks(features);
        // Judged on what was written, so a drift with its own error does not also cost the adaptation criterion.
        var grading = CheckGrading(spec.Batches?.Enabled != false, spec.Endpoint?.Enabled != false, spec.Drift is { Count: > 0 },
            spec.Batches?.Enabled != false && (spec.Batches?.SubmissionLimit ?? 3) > 1);
        var monitoring = CheckMonitoring(spec.Drift is { Count: > 0 } || spec.Quirks is { Count: > 0 });

        if (errors.Count > 0 || template is null || releases is null || metric is null || grading is null || monitoring is null
            || (template.Task == ScenarioTask.Forecast && forecast is null))
        {
            return null;
        }

        return new Scenario(
            spec,
            template.World,
            spec.Title ?? template.Id,
            spec.Briefing ?? "",
            metric.Value,
            (ulong)seed,
            _duration,
            [.. features],
            releases,
            batches,
            endpoint,
            drift,
            quirks,
            grading,
            monitoring,
            forecast);
    }

    private bool OverDataset => template?.World is DatasetWorld;

    /// <summary>A forecast over a dataset: its rows are the cells of a grid rather than draws.</summary>
    private bool OverDatasetGrid => template?.World is DatasetWorld { Table.Grid: not null };

    private void CheckTemplate()
    {
        if (spec.Dataset is not null)
        {
            if (spec.Template is not null)
            {
                Error("template", "name a template or a dataset, not both");
            }
            else if (!OverDataset)
            {
                Error("dataset", "the dataset version could not be read; check its id and version");
            }
        }
        else if (spec.Template is null)
        {
            Error("template", $"required: name a built-in template ({string.Join(", ", ScenarioTemplates.Ids)})");
        }
        else if (template is null)
        {
            Error("template", $"'{spec.Template}' is not a built-in template; {Suggestions.Hint(spec.Template, [.. ScenarioTemplates.Ids])}");
        }
    }

    private void CheckDuration()
    {
        if (Span("duration", spec.Duration ?? "28d") is not { } duration)
        {
            return;
        }

        if (duration <= TimeSpan.Zero)
        {
            Error("duration", $"{spec.Duration} must be longer than zero");
        }
        else if (duration > MaxDuration)
        {
            Error("duration", $"{spec.Duration} is longer than the {Format(MaxDuration)} maximum");
        }
        else
        {
            _duration = duration;
            _durationKnown = true;
        }
    }

    private Metric? CheckTaskTargetMetric()
    {
        var target = template?.Target;
        ScenarioTask? task = target?.Task;
        if (spec.Task is { } taskText)
        {
            if (!ScenarioNames.TryParse<ScenarioTask>(taskText, out var written))
            {
                Error("task", $"'{taskText}' is not a task; use one of {ScenarioNames.All<ScenarioTask>()}");
            }
            else if (target is not null && written != target.Task)
            {
                Error("task", $"{template!.Id} predicts {target.Name}, a {ScenarioNames.Of(target.Task)} target; remove task or set it to {ScenarioNames.Of(target.Task)}");
            }
            else
            {
                task = written;
            }
        }

        if (spec.Target is { } targetText && target is not null && targetText != target.Name)
        {
            Error("target", $"'{targetText}' is not the target of {template!.Id}; remove target or set it to {target.Name}");
        }

        if (spec.Metric is not { } metricText)
        {
            if (task is { } known)
            {
                return MetricRules.For(known)[0];
            }

            return null;
        }

        if (!ScenarioNames.TryParse<Metric>(metricText, out var metric))
        {
            Error("metric", $"'{metricText}' is not a metric; use one of {ScenarioNames.All<Metric>()}");
            return null;
        }

        if (task is { } scenarioTask && !metric.AppliesTo(scenarioTask))
        {
            Error("metric", $"{metricText} does not apply to a {ScenarioNames.Of(scenarioTask)} task; use one of {string.Join(", ", MetricRules.For(scenarioTask).Select(ScenarioNames.Of))}");
            return null;
        }

        return metric;
    }

    private ReleasePlan? CheckReleases(ForecastPlan? forecast)
    {
        var releases = spec.Releases ?? new ReleasesSpec();
        var first = Moment("releases.first", releases.First ?? "0s");
        var cadence = Positive("releases.cadence", releases.Cadence ?? "1d");
        var rows = releases.Rows ?? 1000;
        CheckRange("releases.rows", rows, 1, MaxRowsPerRelease);
        var lag = Span("releases.lag", releases.Lag ?? "0s");

        ImmutableArray<Channel> rotation = [Channel.Api];
        if (releases.Channel is not null && releases.Rotation is not null)
        {
            Error("releases.rotation", "set either channel (one for all releases) or rotation (taken in turn), not both");
        }
        else if (releases.Channel is { } channelText)
        {
            if (ParseChannel("releases.channel", channelText) is { } channel)
            {
                rotation = [channel];
            }
        }
        else if (releases.Rotation is { } list)
        {
            if (list.Count == 0)
            {
                Error("releases.rotation", "list at least one channel, e.g. [api, bucket]");
            }
            else
            {
                var channels = list.Select((text, i) => ParseChannel($"releases.rotation[{i}]", text)).ToList();
                if (channels.All(c => c is not null))
                {
                    rotation = [.. channels.Select(c => c!.Value)];
                }
            }
        }

        if (first is null || cadence is null || lag is null)
        {
            return null;
        }

        var plan = new ReleasePlan(first.Value, cadence.Value, rows, lag.Value, rotation);
        if (forecast is not null)
        {
            if (ForecastReleaseRows(forecast, cadence.Value) is not { } forecastRows)
            {
                return null;
            }

            rows = forecastRows.Rows;
            plan = plan with { Rows = rows, History = forecast.History, HistoryRows = forecastRows.HistoryRows };
        }

        if (_durationKnown)
        {
            var count = plan.CountWithin(_duration);
            if (count > MaxReleases)
            {
                Error("releases.cadence", $"{releases.Cadence} makes {count} releases in {Format(_duration)}; at most {MaxReleases} fit in one scenario");
            }
            else if ((long)count * rows > MaxReleaseRows)
            {
                Error("releases.rows", $"{rows} rows in each of {count} releases make {(long)count * rows} rows; at most {MaxReleaseRows} fit in one scenario");
            }
        }

        return plan;
    }

    private BatchPlan? CheckBatches(ForecastPlan? forecast)
    {
        var batches = spec.Batches ?? new BatchesSpec();
        if (batches.Enabled == false)
        {
            return null;
        }

        var first = Moment("batches.first", batches.First ?? "1d");
        var cadence = Positive("batches.cadence", batches.Cadence ?? "1d");
        var rows = batches.Rows ?? 500;
        CheckRange("batches.rows", rows, 1, MaxRowsPerBatch);
        var due = Positive("batches.dueAfter", batches.DueAfter ?? "12h");
        var labelDelay = Span("batches.labelDelay", batches.LabelDelay ?? "0s");
        var limit = batches.SubmissionLimit ?? 3;
        CheckRange("batches.submissionLimit", limit, 1, MaxSubmissionLimit);
        var late = CheckLate(batches.Late ?? new LateSpec { Policy = "accept" });

        if (first is null || cadence is null || due is null || labelDelay is null || late is null)
        {
            return null;
        }

        if (forecast is not null)
        {
            if (ForecastBatchRows(forecast) is not { } forecastRows)
            {
                return null;
            }

            rows = forecastRows;
        }

        var plan = new BatchPlan(first.Value, cadence.Value, rows, due.Value, labelDelay.Value, limit, late);
        if (_durationKnown)
        {
            if (first.Value + due.Value > _duration)
            {
                Error("batches.dueAfter", $"the first batch would be due at {Format(first.Value + due.Value)}, after the end of the scenario ({Format(_duration)})");
            }
            else if (plan.CountWithin(_duration) is var count and > MaxBatches)
            {
                Error("batches.cadence", $"{batches.Cadence} makes {count} batches in {Format(_duration)}; at most {MaxBatches} fit in one scenario");
            }
        }

        return plan;
    }

    private LatePolicy? CheckLate(LateSpec late)
    {
        var policyText = late.Policy ?? "accept";
        if (!ScenarioNames.TryParse<LatePolicyKind>(policyText, out var policy))
        {
            Error("batches.late.policy", $"'{policyText}' is not a late policy; use one of {ScenarioNames.All<LatePolicyKind>()}");
            return null;
        }

        var penalty = 0.0;
        if (policy == LatePolicyKind.Penalty)
        {
            if (late.Penalty is not { } value)
            {
                Error("batches.late.penalty", "required for the penalty policy: the fraction of the score lost, e.g. 0.25");
            }
            else if (value is <= 0 or > 1)
            {
                Error("batches.late.penalty", $"{Number(value)} must be more than 0 and at most 1");
            }
            else
            {
                penalty = value;
            }
        }
        else if (late.Penalty is not null)
        {
            Error("batches.late.penalty", "only applies to the penalty policy");
        }

        TimeSpan? cutoff = null;
        if (late.Cutoff is { } cutoffText)
        {
            if (policy == LatePolicyKind.Reject)
            {
                Error("batches.late.cutoff", "does not apply to the reject policy (nothing late is taken)");
            }
            else
            {
                cutoff = Positive("batches.late.cutoff", cutoffText);
            }
        }

        return new LatePolicy(policy, penalty, cutoff);
    }

    private EndpointPlan? CheckEndpoint()
    {
        var endpoint = spec.Endpoint ?? new EndpointSpec();
        if (endpoint.Enabled == false)
        {
            return null;
        }

        var from = Moment("endpoint.from", endpoint.From ?? "0s");
        var interval = Positive("endpoint.probeInterval", endpoint.ProbeInterval ?? "1h");
        var rows = endpoint.RowsPerProbe ?? 20;
        CheckRange("endpoint.rowsPerProbe", rows, 1, MaxRowsPerProbe);
        var timeout = Span("endpoint.timeout", endpoint.Timeout ?? "2s");
        if (timeout is { } t && (t < MinTimeout || t > MaxTimeout))
        {
            Error("endpoint.timeout", $"{endpoint.Timeout} must be between {Format(MinTimeout)} and {Format(MaxTimeout)}");
        }

        var availability = endpoint.Slo?.Availability ?? 0.99;
        if (availability is <= 0 or > 1)
        {
            Error("endpoint.slo.availability", $"{Number(availability)} must be more than 0 and at most 1");
        }

        var p95 = endpoint.Slo?.P95LatencyMs ?? 500;
        if (p95 <= 0)
        {
            Error("endpoint.slo.p95LatencyMs", $"{Number(p95)} must be more than 0");
        }
        else if (timeout is { } limit && p95 > limit.TotalMilliseconds)
        {
            Error("endpoint.slo.p95LatencyMs", $"{Number(p95)} is above the timeout ({Format(limit)}); no probe can take that long");
        }

        if (from is null || interval is null || timeout is null)
        {
            return null;
        }

        var plan = new EndpointPlan(from.Value, interval.Value, rows, timeout.Value, availability, p95);
        if (_durationKnown && plan.SlotCountWithin(_duration) is var slots and > MaxProbeSlots)
        {
            Error("endpoint.probeInterval", $"{endpoint.ProbeInterval} makes {slots} probes in {Format(_duration)}; at most {MaxProbeSlots} fit in one scenario");
        }

        return plan;
    }

    private ImmutableArray<DriftEvent> CheckDrift(List<ScenarioFeature> features)
    {
        var items = spec.Drift ?? [];
        var events = new List<(int Index, DriftEvent Event)>();
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"drift[{i}]";
            var item = items[i];
            var at = Moment($"{path}.at", item.At, required: "when the drift starts, e.g. 14d");
            if (!Kind(path, item.Kind, DriftKinds, "drift", out var kind))
            {
                continue;
            }

            CheckApplicable(path, kind, $"{kind} drift", DriftKeys[kind], DriftFields(item));
            DriftEvent? drift = kind switch
            {
                "covariate" or "label" when OverDatasetGrid => NotOverDatasetGrid(path, kind),
                "concept" when OverDataset => NotOverDataset(path),
                "concept" => CheckConceptDrift(path, item, at),
                "label" => CheckLabelShift(path, item, at),
                "covariate" => CheckShift(path, item, at, features, allowOver: true),
                _ => CheckShift(path, item, at, features, allowOver: false),
            };
            if (drift is not null)
            {
                events.Add((i, drift));
            }
        }

        var concepts = events.Where(e => e.Event is ConceptDrift).OrderBy(e => e.Event.At).ThenBy(e => e.Index).ToList();
        for (var n = 1; n < concepts.Count; n++)
        {
            var (previousIndex, previousEvent) = concepts[n - 1];
            var previous = (ConceptDrift)previousEvent;
            var (index, current) = concepts[n];
            if (current.At == previous.At)
            {
                Error($"drift[{index}].at", $"starts at the same time as drift[{previousIndex}]; put both changes in one drift");
            }
            else if (current.At < previous.BusyUntil)
            {
                Error($"drift[{index}].at", $"starts at {Format(current.At)} while drift[{previousIndex}] ({ScenarioNames.Of(previous.Mode)} until {Format(previous.BusyUntil)}) is still under way; concept drifts cannot overlap");
            }
        }

        return [.. events.Select(e => e.Event).OrderBy(e => e.At)];
    }

    private DriftEvent? NotOverDatasetGrid(string path, string kind)
    {
        Error($"{path}.kind", $"a forecast over a dataset publishes every recorded step of every series, so there are no rows for {kind} drift to re-weight; the data's own changes are its drift, and recalibration and quirks apply on top");
        return null;
    }

    private DriftEvent? NotOverDataset(string path)
    {
        Error($"{path}.kind", "a dataset's rows carry their own concept, which P-PIPE cannot rewrite; use covariate or label drift, which change which rows are drawn");
        return null;
    }

    private LabelShift? CheckLabelShift(string path, DriftSpec item, TimeSpan? at)
    {
        if (!OverDataset || template!.Target.IsNumeric)
        {
            Error($"{path}.kind", "label drift applies to a scenario over a dataset whose target has classes");
            return null;
        }

        var classes = template.Target.Classes;
        var factors = new double[classes.Length];
        Array.Fill(factors, 1);
        if (item.Classes is not { Count: > 0 })
        {
            Error($"{path}.classes", $"required: how many times as often rows of a class are drawn, e.g. {{{classes[^1]}: 3}}");
        }
        else
        {
            foreach (var (name, factor) in item.Classes)
            {
                var index = classes.IndexOf(name);
                if (index < 0)
                {
                    Error($"{path}.classes.{name}", $"'{name}' is not a class of {template.Target.Name}; {Suggestions.Hint(name, [.. classes])}");
                }
                else if (!(factor > 0) || factor > MaxClassFactor)
                {
                    Error($"{path}.classes.{name}", $"{factor} must be more than 0 and at most {MaxClassFactor}");
                }
                else
                {
                    factors[index] = factor;
                }
            }
        }

        var over = Span($"{path}.over", item.Over);
        if (over is { } ramp && ramp <= TimeSpan.Zero)
        {
            Error($"{path}.over", $"{item.Over} must be longer than zero");
        }

        return at is { } start ? new LabelShift(start, item.Note, [.. factors], over) : null;
    }

    private ConceptDrift? CheckConceptDrift(string path, DriftSpec item, TimeSpan? at)
    {
        var modeText = item.Mode ?? "abrupt";
        if (!ScenarioNames.TryParse<DriftMode>(modeText, out var mode))
        {
            Error($"{path}.mode", $"'{modeText}' is not a drift mode; use one of {ScenarioNames.All<DriftMode>()}");
            return null;
        }

        var effects = new List<KeyValuePair<string, double>>();
        if (item.Effects is not { Count: > 0 })
        {
            Error($"{path}.effects", "required: the effects that change and their new weights, e.g. {" + (template?.Effects[0].Name ?? "base") + ": 2.0}");
        }
        else
        {
            foreach (var (name, weight) in item.Effects)
            {
                if (template is not null && !template.Effects.Any(e => e.Name == name))
                {
                    Error($"{path}.effects.{name}", $"'{name}' is not an effect of {template.Id}; {Suggestions.Hint(name, [.. template.Effects.Select(e => e.Name)])}");
                }
                else
                {
                    effects.Add(KeyValuePair.Create(name, weight));
                }
            }
        }

        TimeSpan? over = null, period = null, active = null, lasting = null;
        if (mode != DriftMode.Gradual && item.Over is not null)
        {
            Error($"{path}.over", "only applies to gradual drift");
        }

        if (mode != DriftMode.Recurring)
        {
            if (item.Period is not null)
            {
                Error($"{path}.period", "only applies to recurring drift");
            }

            if (item.Active is not null)
            {
                Error($"{path}.active", "only applies to recurring drift");
            }
        }

        if (mode == DriftMode.Gradual && item.For is not null)
        {
            Error($"{path}.for", "does not apply to gradual drift: the new concept stays once the transition is over");
        }

        switch (mode)
        {
            case DriftMode.Gradual:
                over = Positive($"{path}.over", item.Over, required: "how long the transition takes, e.g. 3d");
                CheckEnd($"{path}.over", at, over, "the transition would end at");
                break;
            case DriftMode.Recurring:
                period = Positive($"{path}.period", item.Period, required: "how often the new concept returns, e.g. 7d");
                active = Positive($"{path}.active", item.Active, required: "how long it holds each time, e.g. 1d");
                if (period is { } p && active is { } a && a >= p)
                {
                    Error($"{path}.active", $"{item.Active} must be shorter than the period ({Format(p)})");
                }

                lasting = Positive($"{path}.for", item.For);
                CheckEnd($"{path}.for", at, lasting, "the drift would last until");
                break;
            default:
                lasting = Positive($"{path}.for", item.For);
                CheckEnd($"{path}.for", at, lasting, "the drift would last until");
                break;
        }

        return at is null || effects.Count == 0 ? null : new ConceptDrift(at.Value, item.Note, mode, [.. effects], over, period, active, lasting);
    }

    private DriftEvent? CheckShift(string path, DriftSpec item, TimeSpan? at, List<ScenarioFeature> features, bool allowOver)
    {
        var kind = allowOver ? "covariate shift" : "recalibration";
        var feature = NumericFeature($"{path}.feature", item.Feature, features, kind);
        if (item.Shift is not { } shift)
        {
            Error($"{path}.shift", $"required: how far the {(allowOver ? "feature's values move" : "readings are offset")}, in the feature's unit");
            return null;
        }

        if (shift == 0)
        {
            Error($"{path}.shift", "must not be zero");
        }

        TimeSpan? over = null;
        if (allowOver)
        {
            over = Positive($"{path}.over", item.Over);
            CheckEnd($"{path}.over", at, over, "the shift would be complete at");
        }

        if (at is null || feature is null)
        {
            return null;
        }

        return allowOver ? new CovariateShift(at.Value, item.Note, feature, shift, over) : new Recalibration(at.Value, item.Note, feature, shift);
    }

    private ImmutableArray<QuirkEvent> CheckQuirks(List<ScenarioFeature> features)
    {
        var items = spec.Quirks ?? [];
        var quirks = new List<(int Index, QuirkEvent Quirk)>();
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"quirks[{i}]";
            var item = items[i];
            var at = Moment($"{path}.at", item.At, required: "when the quirk starts, e.g. 10d");
            if (!Kind(path, item.Kind, QuirkKinds, "quirk", out var kind))
            {
                continue;
            }

            CheckApplicable(path, kind, kind, QuirkKeys[kind], QuirkFields(item));
            QuirkEvent? quirk = kind switch
            {
                "labelNoise" => Windowed(path, item, at, 0.5, (start, rate, span) => new LabelNoise(start, item.Note, rate, span)),
                "newCategory" => CheckNewCategory(path, item, at, features),
                "missingValues" => CheckMissingValues(path, item, at),
                "duplicates" => Windowed(path, item, at, 0.5, (start, rate, span) => new DuplicateRows(start, item.Note, rate, span)),
                "renameColumn" => CheckRename(path, item, at),
                "addColumn" => CheckAddColumn(path, item, at),
                "lateRows" => CheckLateRows(path, item, at),
                _ => CheckOutage(path, item, at),
            };
            if (quirk is not null)
            {
                quirks.Add((i, quirk));
            }
        }

        CheckNoOverlap<DuplicateRows>(quirks, "duplicates");
        CheckNoOverlap<LateRows>(quirks, "lateRows");
        CheckColumnChanges(quirks, features);
        return [.. quirks.Select(q => q.Quirk).OrderBy(q => q.At)];
    }

    private T? Windowed<T>(string path, QuirkSpec item, TimeSpan? at, double maxRate, Func<TimeSpan, double, TimeSpan?, T> create)
        where T : QuirkEvent
    {
        var rate = Rate(path, item.Rate, maxRate);
        var span = Positive($"{path}.for", item.For);
        CheckEnd($"{path}.for", at, span, "the quirk would last until");
        return at is null || rate is null ? null : create(at.Value, rate.Value, span);
    }

    private NewCategory? CheckNewCategory(string path, QuirkSpec item, TimeSpan? at, List<ScenarioFeature> features)
    {
        var rate = Rate(path, item.Rate, 1, inclusiveMax: false);
        var effect = item.Effect ?? 0;
        int? featureIndex = null;
        if (item.Feature is null)
        {
            Error($"{path}.feature", $"required: the categorical feature that gains a value ({CategoricalNames(features)})");
        }
        else if (template is not null)
        {
            var index = features.FindIndex(f => f.Name == item.Feature);
            if (index < 0)
            {
                Error($"{path}.feature", $"'{item.Feature}' is not a feature of {template.Id}; {Suggestions.Hint(item.Feature, CategoricalNamesList(features))}");
            }
            else if (features[index].Kind != FeatureKind.Category)
            {
                Error($"{path}.feature", $"'{item.Feature}' is a number; newCategory needs a categorical feature: {CategoricalNames(features)}");
            }
            else if ((template.World is IForecastWorld forecast && forecast.SeriesColumn == item.Feature)
                || (template.World is DatasetWorld { Table.Grid.SeriesColumn: { } series } && series == item.Feature))
            {
                Error($"{path}.feature", $"'{item.Feature}' names the series of {template.Id}, which are fixed; a new value would be a series without history");
            }
            else
            {
                featureIndex = index;
            }
        }

        if (string.IsNullOrWhiteSpace(item.Value))
        {
            Error($"{path}.value", "required: the new category, e.g. crypto_exchange");
            return null;
        }

        if (featureIndex is { } f)
        {
            if (features[f].Categories.Contains(item.Value))
            {
                Error($"{path}.value", $"'{item.Value}' is already a category of {item.Feature}");
                return null;
            }

            features[f] = features[f] with { Categories = features[f].Categories.Add(item.Value), Max = features[f].Categories.Length };
        }

        return at is null || rate is null || featureIndex is null ? null : new NewCategory(at.Value, item.Note, item.Feature!, item.Value, rate.Value, effect);
    }

    private MissingValues? CheckMissingValues(string path, QuirkSpec item, TimeSpan? at)
    {
        var columns = item.Columns ?? [];
        var known = template?.Features.Select(f => f.Name).ToList();
        for (var c = 0; c < columns.Count; c++)
        {
            if (known is not null && !known.Contains(columns[c]))
            {
                Error($"{path}.columns[{c}]", $"'{columns[c]}' is not a feature of {template!.Id}; {Suggestions.Hint(columns[c], known)}");
            }
        }

        var quirk = Windowed(path, item, at, 1, (start, rate, span) => new MissingValues(start, item.Note, rate, [.. columns], span));
        if (item.Rate is 1.0)
        {
            Error($"{path}.rate", "1 would remove every value; use less than 1");
        }

        return quirk;
    }

    private RenamedColumn? CheckRename(string path, QuirkSpec item, TimeSpan? at)
    {
        if (item.Column is null)
        {
            Error($"{path}.column", "required: the feature column to rename");
        }

        if (item.To is null)
        {
            Error($"{path}.to", "required: the column's new name");
        }
        else if (!ColumnName().IsMatch(item.To))
        {
            Error($"{path}.to", $"'{item.To}' is not a valid column name; use letters, digits and underscores, starting with a letter");
        }

        return at is null || item.Column is null || item.To is null ? null : new RenamedColumn(at.Value, item.Note, item.Column, item.To);
    }

    private AddedColumn? CheckAddColumn(string path, QuirkSpec item, TimeSpan? at)
    {
        if (item.Column is null)
        {
            Error($"{path}.column", "required: the new column's name");
            return null;
        }

        var hidden = template?.Features.FirstOrDefault(f => f.Name == item.Column && f.Hidden);
        if (hidden is not null)
        {
            foreach (var (key, given) in new[] { ("values", item.Values is not null), ("mean", item.Mean is not null), ("sd", item.Sd is not null), ("decimals", item.Decimals is not null) })
            {
                if (given)
                {
                    Error($"{path}.{key}", $"does not apply: {item.Column} is a hidden feature of {template!.Id} and keeps its own values");
                }
            }

            return at is null ? null : new AddedColumn(at.Value, item.Note, item.Column, [], 0, 0, hidden.Decimals) { RevealsFeature = true };
        }

        if (!ColumnName().IsMatch(item.Column))
        {
            Error($"{path}.column", $"'{item.Column}' is not a valid column name; use letters, digits and underscores, starting with a letter");
        }

        if (item.Values is not null && (item.Mean is not null || item.Sd is not null || item.Decimals is not null))
        {
            Error($"{path}.values", "set either values (a categorical column) or mean, sd and decimals (a numeric column), not both");
            return null;
        }

        if (item.Values is { } values)
        {
            if (values.Count == 0 || values.Any(string.IsNullOrWhiteSpace))
            {
                Error($"{path}.values", "list at least one non-empty value");
                return null;
            }

            if (values.Distinct().Count() != values.Count)
            {
                Error($"{path}.values", "lists a value twice");
                return null;
            }

            return at is null ? null : new AddedColumn(at.Value, item.Note, item.Column, [.. values], 0, 0, 0);
        }

        if (item.Mean is not { } mean)
        {
            Error(path, $"addColumn needs values (categories) or a mean (numbers), unless it names a hidden feature of the template{HiddenFeatureHint()}");
            return null;
        }

        var sd = item.Sd ?? 1;
        if (sd < 0)
        {
            Error($"{path}.sd", $"{Number(sd)} must be zero or more");
        }

        var decimals = item.Decimals ?? 2;
        CheckRange($"{path}.decimals", decimals, 0, 6);
        return at is null ? null : new AddedColumn(at.Value, item.Note, item.Column, [], mean, sd, decimals);
    }

    private LateRows? CheckLateRows(string path, QuirkSpec item, TimeSpan? at)
    {
        var delay = Positive($"{path}.delay", item.Delay, required: "how late the rows arrive, e.g. 2d");
        var quirk = Windowed(path, item, at, 1, (start, rate, span) => new LateRows(start, item.Note, rate, TimeSpan.Zero, span));
        if (item.Rate is 1.0)
        {
            Error($"{path}.rate", "1 would delay every row; use less than 1");
        }

        return quirk is null || delay is null ? null : quirk with { Delay = delay.Value };
    }

    private ChannelOutage? CheckOutage(string path, QuirkSpec item, TimeSpan? at)
    {
        Channel? channel = null;
        if (item.Channel is null)
        {
            Error($"{path}.channel", $"required: the channel that goes down ({ScenarioNames.All<Channel>()})");
        }
        else
        {
            channel = ParseChannel($"{path}.channel", item.Channel);
        }

        var span = Positive($"{path}.for", item.For, required: "how long the channel is down, e.g. 6h");
        CheckEnd($"{path}.for", at, span, "the outage would last until");
        return at is null || channel is null || span is null ? null : new ChannelOutage(at.Value, item.Note, channel.Value, span.Value);
    }

    private void CheckNoOverlap<T>(List<(int Index, QuirkEvent Quirk)> quirks, string kind)
        where T : QuirkEvent
    {
        var windows = quirks.Where(q => q.Quirk is T).OrderBy(q => q.Quirk.At).ThenBy(q => q.Index).ToList();
        for (var n = 1; n < windows.Count; n++)
        {
            var previous = windows[n - 1];
            var current = windows[n];
            if (previous.Quirk.Until is not { } until || current.Quirk.At < until)
            {
                var end = previous.Quirk.Until is { } u ? $"until {Format(u)}" : "to the end";
                Error($"quirks[{current.Index}].at", $"overlaps quirks[{previous.Index}] ({kind} from {Format(previous.Quirk.At)} {end}); one {kind} quirk at a time");
            }
        }
    }

    /// <summary>Replays renames and added columns in time order, so each refers to the columns that exist then.</summary>
    private void CheckColumnChanges(List<(int Index, QuirkEvent Quirk)> quirks, List<ScenarioFeature> features)
    {
        if (template is null)
        {
            return;
        }

        var columns = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["id"] = "the row id",
            [template.TimestampColumn] = "the timestamp",
            [template.Target.Name] = "the target",
        };
        var featureColumns = new List<string>();
        foreach (var feature in features.Where(f => !f.Hidden))
        {
            columns[feature.Name] = "a feature";
            featureColumns.Add(feature.Name);
        }

        var revealed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (index, quirk) in quirks.Where(q => q.Quirk is RenamedColumn or AddedColumn).OrderBy(q => q.Quirk.At).ThenBy(q => q.Index))
        {
            var path = $"quirks[{index}]";
            switch (quirk)
            {
                case RenamedColumn rename:
                    if (!featureColumns.Contains(rename.Column))
                    {
                        var message = columns.TryGetValue(rename.Column, out var what)
                            ? $"only feature columns can be renamed; {rename.Column} is {what}"
                            : $"'{rename.Column}' is not a feature column at {Format(rename.At)}; {Suggestions.Hint(rename.Column, featureColumns)}";
                        Error($"{path}.column", message);
                    }
                    else if (columns.ContainsKey(rename.To))
                    {
                        Error($"{path}.to", $"'{rename.To}' is already a column at {Format(rename.At)}");
                    }
                    else
                    {
                        columns.Remove(rename.Column);
                        featureColumns.Remove(rename.Column);
                        columns[rename.To] = "a feature";
                        featureColumns.Add(rename.To);
                    }

                    break;
                case AddedColumn added:
                    if (added.RevealsFeature && !revealed.Add(added.Column))
                    {
                        Error($"{path}.column", $"{added.Column} is already revealed by an earlier addColumn");
                    }
                    else if (columns.ContainsKey(added.Column))
                    {
                        Error($"{path}.column", $"'{added.Column}' is already a column at {Format(added.At)}");
                    }
                    else
                    {
                        columns[added.Column] = added.RevealsFeature ? "a feature" : "an added column";
                        if (added.RevealsFeature)
                        {
                            featureColumns.Add(added.Column);
                        }
                    }

                    break;
            }
        }
    }

    private Rubric? CheckGrading(bool hasBatches, bool hasEndpoint, bool hasDrift, bool allowsResubmission)
    {
        var grading = spec.Grading ?? new GradingSpec();
        var criteria = grading.Criteria ?? Enum.GetValues<Criterion>().Where(c => !c.IsOptIn()).ToDictionary(ScenarioNames.Of, _ => 1.0);
        var weights = new Dictionary<Criterion, double>();
        foreach (var (name, weight) in criteria)
        {
            var path = $"grading.criteria.{name}";
            if (!ScenarioNames.TryParse<Criterion>(name, out var criterion))
            {
                Error(path, $"unknown criterion; {Suggestions.Hint(name, [.. Enum.GetValues<Criterion>().Select(ScenarioNames.Of)])}");
                continue;
            }

            if (weight < 0)
            {
                Error(path, $"{Number(weight)} must be zero or more");
                continue;
            }

            if (weight > 0 && template is not null)
            {
                if (!hasBatches && criterion is Criterion.BatchQuality or Criterion.Punctuality)
                {
                    Error(path, "the scenario has no batches (batches.enabled is false); remove it or set its weight to 0");
                }
                else if (!hasEndpoint && criterion is Criterion.EndpointAvailability or Criterion.EndpointLatency or Criterion.EndpointQuality or Criterion.Rollout)
                {
                    Error(path, "the scenario has no endpoint requirement (endpoint.enabled is false); remove it or set its weight to 0");
                }
                else if (!hasDrift && criterion is Criterion.Adaptation or Criterion.Lineage)
                {
                    Error(path, "the scenario has no drift to adapt to; remove it or add a drift");
                }
                else if (!hasEndpoint && !allowsResubmission && criterion is Criterion.Reproducibility)
                {
                    Error(path, "nothing can be checked for reproducibility: the scenario has no endpoint to replay probes to and no batch " +
                        "can be submitted twice (batches.submissionLimit is 1 or batches are off); remove it, enable the endpoint or allow resubmissions");
                }
            }

            weights[criterion] = weight;
        }

        var total = weights.Values.Sum();
        if (criteria.Count > 0 && total <= 0 && weights.Count == criteria.Count)
        {
            Error("grading.criteria", "the weights add up to 0; give at least one criterion a positive weight");
        }

        var levels = grading.Levels ?? new LevelsSpec();
        var proficient = Level("proficient", levels.Proficient ?? 0.5);
        var advanced = Level("advanced", levels.Advanced ?? 0.7);
        var expert = Level("expert", levels.Expert ?? 0.85);
        if (proficient is { } p && advanced is { } a && a <= p)
        {
            Error("grading.levels.advanced", $"{Number(a)} must be above proficient ({Number(p)})");
        }

        if (advanced is { } adv && expert is { } e && e <= adv)
        {
            Error("grading.levels.expert", $"{Number(e)} must be above advanced ({Number(adv)})");
        }

        if (total <= 0 || proficient is null || advanced is null || expert is null)
        {
            return null;
        }

        return new Rubric(
            [.. weights.Where(w => w.Value > 0).OrderBy(w => w.Key).Select(w => new CriterionWeight(w.Key, w.Value / total))],
            new LevelThresholds(proficient.Value, advanced.Value, expert.Value));
    }

    private double? Level(string name, double value)
    {
        if (value is <= 0 or > 1)
        {
            Error($"grading.levels.{name}", $"{Number(value)} must be more than 0 and at most 1");
            return null;
        }

        return value;
    }

    private bool Kind(string path, string? text, string[] kinds, string what, out string kind)
    {
        kind = text ?? "";
        if (text is null)
        {
            Error($"{path}.kind", $"required: one of {string.Join(", ", kinds)}");
            return false;
        }

        if (!kinds.Contains(text))
        {
            Error($"{path}.kind", $"'{text}' is not a {what} kind; {Suggestions.Hint(text, kinds)}");
            return false;
        }

        return true;
    }

    private void CheckApplicable(string path, string kind, string what, string[] allowed, IEnumerable<(string Key, bool Given)> fields)
    {
        foreach (var (key, given) in fields)
        {
            if (given && !allowed.Contains(key))
            {
                Error($"{path}.{key}", $"does not apply to {what}; it takes {string.Join(", ", allowed)}");
            }
        }
    }

    private static IEnumerable<(string, bool)> DriftFields(DriftSpec item) =>
    [
        ("mode", item.Mode is not null), ("effects", item.Effects is not null), ("over", item.Over is not null),
        ("period", item.Period is not null), ("active", item.Active is not null), ("for", item.For is not null),
        ("feature", item.Feature is not null), ("shift", item.Shift is not null), ("classes", item.Classes is not null),
    ];

    private static IEnumerable<(string, bool)> QuirkFields(QuirkSpec item) =>
    [
        ("rate", item.Rate is not null), ("for", item.For is not null), ("feature", item.Feature is not null),
        ("value", item.Value is not null), ("effect", item.Effect is not null), ("columns", item.Columns is not null),
        ("column", item.Column is not null), ("to", item.To is not null), ("values", item.Values is not null),
        ("mean", item.Mean is not null), ("sd", item.Sd is not null), ("decimals", item.Decimals is not null),
        ("delay", item.Delay is not null), ("channel", item.Channel is not null),
    ];

    private string? NumericFeature(string path, string? name, List<ScenarioFeature> features, string what)
    {
        var numeric = features.Where(f => f.Kind == FeatureKind.Number).Select(f => f.Name).ToList();
        if (name is null)
        {
            Error(path, $"required: the numeric feature that shifts ({string.Join(", ", numeric)})");
            return null;
        }

        if (template is null)
        {
            return null;
        }

        var feature = features.FirstOrDefault(f => f.Name == name);
        if (feature is null)
        {
            Error(path, $"'{name}' is not a feature of {template.Id}; {Suggestions.Hint(name, numeric)}");
            return null;
        }

        if (feature.Kind != FeatureKind.Number)
        {
            Error(path, $"'{name}' is a category; {what} needs a numeric feature: {string.Join(", ", numeric)}");
            return null;
        }

        return name;
    }

    private double? Rate(string path, double? rate, double max, bool inclusiveMax = true)
    {
        if (rate is not { } value)
        {
            Error($"{path}.rate", "required: the share of rows affected, e.g. 0.05");
            return null;
        }

        if (value <= 0 || value > max || (!inclusiveMax && value >= max))
        {
            Error($"{path}.rate", $"{Number(value)} must be more than 0 and {(inclusiveMax ? "at most" : "less than")} {Number(max)}");
            return null;
        }

        return value;
    }

    private TimeSpan? Span(string path, string? text, string? required = null)
    {
        if (text is null)
        {
            if (required is not null)
            {
                Error(path, $"required: {required}");
            }

            return null;
        }

        if (ScenarioDuration.TryParse(text, out var value))
        {
            return value;
        }

        var trimmed = text.Trim();
        Error(path, trimmed.Length > 0 && trimmed.All(c => char.IsAsciiDigit(c) || c == '.')
            ? $"'{trimmed}' has no unit; write e.g. {trimmed}d, {trimmed}h or {trimmed}m"
            : $"'{trimmed}' is not a duration; write e.g. 36h, 7d, 90m or 1d12h");
        return null;
    }

    private TimeSpan? Positive(string path, string? text, string? required = null)
    {
        var value = Span(path, text, required);
        if (value is { } span && span <= TimeSpan.Zero)
        {
            Error(path, $"{text} must be longer than zero");
            return null;
        }

        return value;
    }

    /// <summary>A point in the scenario: from its start up to, but not including, its end.</summary>
    private TimeSpan? Moment(string path, string? text, string? required = null)
    {
        var value = Span(path, text, required);
        if (value is { } at && _durationKnown)
        {
            if (at > _duration)
            {
                Error(path, $"{text} is after the end of the scenario ({Format(_duration)})");
                return null;
            }

            if (at == _duration)
            {
                Error(path, $"{text} is the very end of the scenario; nothing would happen after it");
                return null;
            }
        }

        return value;
    }

    private void CheckEnd(string path, TimeSpan? at, TimeSpan? length, string what)
    {
        if (at is { } start && length is { } span && _durationKnown && start + span > _duration)
        {
            Error(path, $"{what} {Format(start + span)}, after the end of the scenario ({Format(_duration)})");
        }
    }

    private void CheckRange(string path, long value, long min, long max)
    {
        if (value < min || value > max)
        {
            Error(path, $"{value} must be between {min} and {max}");
        }
    }

    private Channel? ParseChannel(string path, string text)
    {
        if (ScenarioNames.TryParse<Channel>(text, out var channel))
        {
            return channel;
        }

        Error(path, $"'{text}' is not a channel; use one of {ScenarioNames.All<Channel>()}");
        return null;
    }

    private static string CategoricalNames(List<ScenarioFeature> features) => string.Join(", ", CategoricalNamesList(features));

    private static List<string> CategoricalNamesList(List<ScenarioFeature> features) =>
        [.. features.Where(f => f.Kind == FeatureKind.Category).Select(f => f.Name)];

    private string HiddenFeatureHint() =>
        template?.Features.Where(f => f.Hidden).Select(f => f.Name).ToList() is { Count: > 0 } hidden
            ? $" ({string.Join(", ", hidden)})"
            : "";

    private void Error(string path, string message) => errors.Add(new SpecError(path, message));

    private static string Format(TimeSpan value) => ScenarioDuration.Format(value);

    private static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]*$")]
    private static partial Regex ColumnName();
}
