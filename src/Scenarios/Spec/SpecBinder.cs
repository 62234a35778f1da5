using System.Globalization;
using PPipe.Scenarios.Validation;
using static PPipe.Scenarios.Spec.SpecValues;

namespace PPipe.Scenarios.Spec;

/// <summary>
/// Maps a <see cref="SpecNode"/> tree onto <see cref="ScenarioSpec"/> records, collecting every structural
/// error (unknown keys, wrong shapes, values of the wrong type) with its path instead of stopping at the
/// first. A value with an error is left null, so validation falls back to the default and does not report
/// the same problem twice.
/// </summary>
internal sealed class SpecBinder(List<SpecError> errors)
{
    public ScenarioSpec? Bind(SpecNode root)
    {
        if (root is not SpecMap map)
        {
            errors.Add(new SpecError("", $"expected keys and values at the top (like 'template: taxi-fares'), got {Describe(root)}"));
            return null;
        }

        CheckKeys(map, "", SpecKeys.Scenario);
        return new ScenarioSpec
        {
            Template = Text(map, "", "template"),
            Dataset = Section(map, "", "dataset", SpecKeys.Dataset, (dataset, path) => new DatasetSpec
            {
                Id = Text(dataset, path, "id"),
                Version = Int(dataset, path, "version"),
            }),
            Title = Text(map, "", "title"),
            Briefing = Text(map, "", "briefing"),
            Seed = Long(map, "", "seed"),
            Duration = Text(map, "", "duration"),
            Task = Text(map, "", "task"),
            Target = Text(map, "", "target"),
            Metric = Text(map, "", "metric"),
            Forecast = Section(map, "", "forecast", SpecKeys.Forecast, (forecast, path) => new ForecastSpec
            {
                Series = Text(forecast, path, "series"),
                Horizon = Int(forecast, path, "horizon"),
                Season = Int(forecast, path, "season"),
                History = Text(forecast, path, "history"),
                Step = Text(forecast, path, "step"),
            }),
            Releases = Section(map, "", "releases", SpecKeys.Releases, BindReleases),
            Batches = Section(map, "", "batches", SpecKeys.Batches, BindBatches),
            Endpoint = Section(map, "", "endpoint", SpecKeys.Endpoint, BindEndpoint),
            Drift = List(map, "", "drift", (node, path) => SectionOf(node, path, SpecKeys.Drift, BindDrift)),
            Quirks = List(map, "", "quirks", (node, path) => SectionOf(node, path, SpecKeys.Quirk, BindQuirk)),
            Grading = Section(map, "", "grading", SpecKeys.Grading, BindGrading),
            Monitoring = Section(map, "", "monitoring", SpecKeys.Monitoring, (monitoring, path) => new MonitoringSpec
            {
                Window = Text(monitoring, path, "window"),
                DetectWithin = Text(monitoring, path, "detectWithin"),
                ReportsPerDay = Int(monitoring, path, "reportsPerDay"),
                PostmortemAfter = Text(monitoring, path, "postmortemAfter"),
            }),
        };
    }

    private ReleasesSpec BindReleases(SpecMap map, string path) => new()
    {
        First = Text(map, path, "first"),
        Cadence = Text(map, path, "cadence"),
        Rows = Int(map, path, "rows"),
        Lag = Text(map, path, "lag"),
        Channel = Text(map, path, "channel"),
        Rotation = TextList(map, path, "rotation"),
    };

    private BatchesSpec BindBatches(SpecMap map, string path) => new()
    {
        Enabled = Bool(map, path, "enabled"),
        First = Text(map, path, "first"),
        Cadence = Text(map, path, "cadence"),
        Rows = Int(map, path, "rows"),
        DueAfter = Text(map, path, "dueAfter"),
        LabelDelay = Text(map, path, "labelDelay"),
        SubmissionLimit = Int(map, path, "submissionLimit"),
        Late = Section(map, path, "late", SpecKeys.Late, (late, latePath) => new LateSpec
        {
            Policy = Text(late, latePath, "policy"),
            Penalty = Number(late, latePath, "penalty"),
            Cutoff = Text(late, latePath, "cutoff"),
        }),
    };

    private EndpointSpec BindEndpoint(SpecMap map, string path) => new()
    {
        Enabled = Bool(map, path, "enabled"),
        From = Text(map, path, "from"),
        ProbeInterval = Text(map, path, "probeInterval"),
        RowsPerProbe = Int(map, path, "rowsPerProbe"),
        Timeout = Text(map, path, "timeout"),
        Slo = Section(map, path, "slo", SpecKeys.Slo, (slo, sloPath) => new SloSpec
        {
            Availability = Number(slo, sloPath, "availability"),
            P95LatencyMs = Number(slo, sloPath, "p95LatencyMs"),
        }),
    };

    private DriftSpec BindDrift(SpecMap map, string path) => new()
    {
        At = Text(map, path, "at"),
        Kind = Text(map, path, "kind"),
        Note = Text(map, path, "note"),
        Mode = Text(map, path, "mode"),
        Effects = NumberMap(map, path, "effects"),
        Over = Text(map, path, "over"),
        Period = Text(map, path, "period"),
        Active = Text(map, path, "active"),
        For = Text(map, path, "for"),
        Feature = Text(map, path, "feature"),
        Shift = Number(map, path, "shift"),
        Classes = NumberMap(map, path, "classes"),
    };

    private QuirkSpec BindQuirk(SpecMap map, string path) => new()
    {
        At = Text(map, path, "at"),
        Kind = Text(map, path, "kind"),
        Note = Text(map, path, "note"),
        Rate = Number(map, path, "rate"),
        For = Text(map, path, "for"),
        Feature = Text(map, path, "feature"),
        Value = Text(map, path, "value"),
        Effect = Number(map, path, "effect"),
        Columns = TextList(map, path, "columns"),
        Column = Text(map, path, "column"),
        To = Text(map, path, "to"),
        Values = TextList(map, path, "values"),
        Mean = Number(map, path, "mean"),
        Sd = Number(map, path, "sd"),
        Decimals = Int(map, path, "decimals"),
        Delay = Text(map, path, "delay"),
        Channel = Text(map, path, "channel"),
    };

    private GradingSpec BindGrading(SpecMap map, string path) => new()
    {
        Criteria = NumberMap(map, path, "criteria"),
        Levels = Section(map, path, "levels", SpecKeys.Levels, (levels, levelsPath) => new LevelsSpec
        {
            Proficient = Number(levels, levelsPath, "proficient"),
            Advanced = Number(levels, levelsPath, "advanced"),
            Expert = Number(levels, levelsPath, "expert"),
        }),
    };

    private void CheckKeys(SpecMap map, string path, string[] allowed)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, _) in map.Entries)
        {
            var keyPath = Join(path, key);
            if (!seen.Add(key))
            {
                errors.Add(new SpecError(keyPath, "appears more than once; keep one"));
            }
            else if (!allowed.Contains(key))
            {
                errors.Add(new SpecError(keyPath, $"unknown key; {Suggestions.Hint(key, allowed, "expected one of")}"));
            }
        }
    }

    private T? Section<T>(SpecMap parent, string path, string key, string[] allowed, Func<SpecMap, string, T> bind)
        where T : class =>
        parent.Find(key) is { } node ? SectionOf(node, Join(path, key), allowed, bind) : null;

    private T? SectionOf<T>(SpecNode node, string path, string[] allowed, Func<SpecMap, string, T> bind)
        where T : class
    {
        if (node is SpecScalar { Text: null })
        {
            return null;
        }

        if (node is not SpecMap map)
        {
            errors.Add(new SpecError(path, $"expected keys and values, got {Describe(node)}"));
            return null;
        }

        CheckKeys(map, path, allowed);
        return bind(map, path);
    }

    private List<T>? List<T>(SpecMap parent, string path, string key, Func<SpecNode, string, T?> item)
        where T : class
    {
        var listPath = Join(path, key);
        switch (parent.Find(key))
        {
            case null or SpecScalar { Text: null }:
                return null;
            case SpecList list:
                var items = new List<T>();
                for (var i = 0; i < list.Items.Count; i++)
                {
                    if (item(list.Items[i], $"{listPath}[{i}]") is { } value)
                    {
                        items.Add(value);
                    }
                }

                return items;
            case var other:
                errors.Add(new SpecError(listPath, $"expected a list (items starting with '- '), got {Describe(other)}"));
                return null;
        }
    }

    private List<string>? TextList(SpecMap map, string path, string key)
    {
        var listPath = Join(path, key);
        switch (map.Find(key))
        {
            case null or SpecScalar { Text: null }:
                return null;
            case SpecList list:
                var items = new List<string>();
                for (var i = 0; i < list.Items.Count; i++)
                {
                    if (list.Items[i] is SpecScalar { Text: { } text })
                    {
                        items.Add(text);
                    }
                    else
                    {
                        errors.Add(new SpecError($"{listPath}[{i}]", $"expected a single value, got {Describe(list.Items[i])}"));
                    }
                }

                return items;
            case var other:
                errors.Add(new SpecError(listPath, $"expected a list (like [a, b]), got {Describe(other)}"));
                return null;
        }
    }

    private Dictionary<string, double>? NumberMap(SpecMap map, string path, string key)
    {
        var mapPath = Join(path, key);
        switch (map.Find(key))
        {
            case null or SpecScalar { Text: null }:
                return null;
            case SpecMap entries:
                var values = new Dictionary<string, double>(StringComparer.Ordinal);
                foreach (var (name, node) in entries.Entries)
                {
                    var entryPath = Join(mapPath, name);
                    if (values.ContainsKey(name))
                    {
                        errors.Add(new SpecError(entryPath, "appears more than once; keep one"));
                    }
                    else if (ParseNumber(node, entryPath) is { } number)
                    {
                        values[name] = number;
                    }
                }

                return values;
            case var other:
                errors.Add(new SpecError(mapPath, $"expected names with numbers (like 'perKm: 2.1'), got {Describe(other)}"));
                return null;
        }
    }

    private double? Number(SpecMap map, string path, string key) =>
        map.Find(key) is { } node ? ParseNumber(node, Join(path, key)) : null;

    private double? ParseNumber(SpecNode node, string path)
    {
        switch (node)
        {
            case SpecScalar { Text: null }:
                return null;
            case SpecScalar { Text: var text }
                when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number):
                if (!double.IsFinite(number))
                {
                    errors.Add(new SpecError(path, $"'{text}' must be a finite number"));
                    return null;
                }

                return number;
            default:
                errors.Add(new SpecError(path, $"expected a number, got {Describe(node)}"));
                return null;
        }
    }

    private int? Int(SpecMap map, string path, string key) =>
        Long(map, path, key) is { } value
            ? value is >= int.MinValue and <= int.MaxValue ? (int)value : Fail<int>(Join(path, key), $"{value} is too large")
            : null;

    private long? Long(SpecMap map, string path, string key)
    {
        var node = map.Find(key);
        switch (node)
        {
            case null or SpecScalar { Text: null }:
                return null;
            case SpecScalar { Text: var text }
                when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value):
                return value;
            default:
                errors.Add(new SpecError(Join(path, key), $"expected a whole number, got {Describe(node)}"));
                return null;
        }
    }

    private T? Fail<T>(string path, string message)
        where T : struct
    {
        errors.Add(new SpecError(path, message));
        return null;
    }

    private string? Text(SpecMap map, string path, string key) => SpecValues.Text(errors, map, path, key);

    private bool? Bool(SpecMap map, string path, string key) => SpecValues.Bool(errors, map, path, key);
}
