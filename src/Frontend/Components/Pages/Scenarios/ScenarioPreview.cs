using PPipe.Scenarios;
using PPipe.Scenarios.Datasets;
using PPipe.Scenarios.Events;
using PPipe.Scenarios.Generation;
using PPipe.Scenarios.Output;
using PPipe.Scenarios.Spec;

namespace PPipe.Frontend.Components.Pages.Scenarios;

/// <summary>
/// What a scenario's data look like over its timeline, sampled from the deterministic generator: for each of
/// about <see cref="TargetPoints"/> time points the mean of one numeric feature as published (and the share of
/// it missing) and the target (mean value for regression, the percentage of the positive class for binary, of each
/// class for multiclass), next to what the true concept expects, so drift and quirks show before a cohort starts.
/// </summary>
/// <remarks>
/// The sample is the scenario itself with its releases re-planned: one release per time point, a few rows
/// each, no lag. Releases are where students' data comes from, so label noise, missing values, duplicates and
/// late rows appear as students will see them; the world, its drift and the seed are unchanged.
/// </remarks>
public sealed class ScenarioPreview
{
    public const int TargetPoints = 150;
    public const int MaxRows = 3000;

    /// <summary>Where preview rows are placed in calendar time (a Monday, so weekly patterns start as a cohort's would).</summary>
    public static readonly DateTimeOffset Start = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    private ScenarioPreview(ScenarioFeature? feature, TimeSpan step, int rows, string targetTitle)
    {
        Feature = feature;
        Step = step;
        Rows = rows;
        TargetTitle = targetTitle;
    }

    /// <summary>The feature plotted; null when the world has no numeric feature (a series forecast over its target alone).</summary>
    public ScenarioFeature? Feature { get; }

    /// <summary>The time each point covers; point i averages the rows of [i × Step, (i + 1) × Step).</summary>
    public TimeSpan Step { get; }

    /// <summary>Rows generated for the preview.</summary>
    public int Rows { get; }

    public int Points => Labels.Count;

    /// <summary>X-axis labels, one per point: a time at a few evenly spaced ticks, empty elsewhere.</summary>
    public IReadOnlyList<string> Labels { get; private init; } = [];

    public IReadOnlyList<PreviewSeries> FeatureSeries { get; private init; } = [];

    /// <summary>The share of the feature's values missing per point; null when none is ever missing.</summary>
    public PreviewSeries? Missing { get; private init; }

    public string TargetTitle { get; }

    public IReadOnlyList<PreviewSeries> TargetSeries { get; private init; } = [];

    /// <summary>The scenario's drift and quirk events in time order.</summary>
    public IReadOnlyList<PreviewEvent> Events { get; private init; } = [];

    /// <summary>Numeric features a preview can plot (published ones; hidden features only appear through quirks).</summary>
    public static IReadOnlyList<ScenarioFeature> NumericFeatures(Scenario scenario) =>
        [.. scenario.Features.Where(f => f.Kind == FeatureKind.Number && !f.Hidden)];

    /// <summary>The feature to show first: one a drift or quirk acts on, so the change is visible at once.</summary>
    public static string? DefaultFeature(Scenario scenario)
    {
        var numeric = NumericFeatures(scenario).Select(f => f.Name).ToList();
        var named = scenario.Drift.Cast<ScenarioEvent>().Concat(scenario.Quirks)
            .SelectMany(NamedFeatures)
            .FirstOrDefault(numeric.Contains);
        return named ?? numeric.FirstOrDefault();
    }

    /// <summary>Samples <paramref name="scenario"/> for <paramref name="featureName"/> (null: the target only); CPU-bound (a few thousand rows).</summary>
    public static ScenarioPreview Of(Scenario scenario, string? featureName, int targetPoints = TargetPoints, int maxRows = MaxRows)
    {
        var feature = featureName is null
            ? null
            : NumericFeatures(scenario).FirstOrDefault(f => f.Name == featureName)
                ?? throw new ArgumentException($"'{featureName}' is not a numeric feature of {scenario.TemplateId}.", nameof(featureName));

        // A forecast's releases hold every series at every step, so their size follows from the cadence and cannot be
        // re-planned: its own releases are the points (release 1 averages its history in too).
        var step = scenario.Forecast is null ? StepFor(scenario.Duration, targetPoints) : scenario.Releases.Cadence;
        var sample = scenario.Forecast is null ? Resample(scenario, step, rowsPerRelease: Math.Clamp(maxRows / targetPoints, 1, 50)) : scenario;
        var points = sample.Releases.CountWithin(sample.Duration);
        var target = scenario.Target;
        var classes = target.Task.IsNumeric() ? 0 : target.Classes.Length;
        var positive = target.PositiveClass is { } name ? target.Classes.IndexOf(name) : -1;

        var featureSum = new double[points];
        var featureCount = new int[points];
        var missingCount = new int[points];
        var rowCount = new int[points];
        var actualSum = new double[points];
        var expectedSum = new double[points];
        var classCount = new int[points, Math.Max(classes, 1)];

        var generator = new ScenarioGenerator(sample, ScenarioGenerator.SeedFor("preview"), Start);
        var rows = 0;
        var expects = scenario.Dataset is not { HasReferences: false };
        var expecter = scenario.Dataset is null ? "the true concept" : "the oracle reference model";
        for (var seq = 1; seq <= points; seq++)
        {
            var reader = generator.OpenRelease(seq);
            var column = feature is null ? -1 : IndexOf(reader.Columns, ColumnRole.Feature, feature.Name);
            while (reader.Read())
            {
                rows++;
                // By the window a row belongs to (a late row arrives with a later release), not by its timestamp:
                // worlds round timestamps (to the day, for churn snapshots), which would leave points empty.
                var point = reader.Id.Seq - 1;
                rowCount[point]++;
                // Without a feature only the target is plotted.
                if (feature is not null)
                {
                    var value = column >= 0 ? reader.GetValue(column) : double.NaN;
                    if (double.IsNaN(value))
                    {
                        missingCount[point]++;
                    }
                    else
                    {
                        featureSum[point] += value;
                        featureCount[point]++;
                    }
                }

                var actual = reader.Actual;
                // Before a dataset's reference models are fitted (they are when the scenario is saved) there is no expectation to show.
                var oracle = expects ? reader.Oracle : default;
                switch (target.Task)
                {
                    case ScenarioTask.Regression or ScenarioTask.Forecast:
                        actualSum[point] += actual;
                        expectedSum[point] += oracle.Value;
                        break;
                    case ScenarioTask.Binary:
                        actualSum[point] += (int)actual == positive ? 1 : 0;
                        expectedSum[point] += oracle.Probability;
                        break;
                    default:
                        classCount[point, (int)actual]++;
                        break;
                }
            }
        }

        var unit = feature?.Unit is { } u ? $" ({u})" : "";
        var targetUnit = target.Unit is { } tu ? $" ({tu})" : "";
        return new ScenarioPreview(
            feature,
            step,
            rows,
            target.Task switch
            {
                ScenarioTask.Regression or ScenarioTask.Forecast => $"{target.Name}{targetUnit}, mean per point",
                ScenarioTask.Binary => $"Rows with {target.Name} = {target.PositiveClass} (%)",
                _ => $"Rows of each {target.Name} class (%)",
            })
        {
            Labels = TickLabels(step, points),
            FeatureSeries = feature is null ? [] : [new PreviewSeries($"{feature.Name}{unit}, mean as published", Ratio(featureSum, featureCount))],
            Missing = feature is not null && missingCount.Any(m => m > 0)
                ? new PreviewSeries($"{feature.Name} missing (% of rows)", Percent(Ratio(missingCount, rowCount)))
                : null,
            TargetSeries = target.Task switch
            {
                ScenarioTask.Regression or ScenarioTask.Forecast =>
                [
                    new PreviewSeries($"{target.Name} as released", Ratio(actualSum, rowCount)),
                    .. expects ? [new PreviewSeries($"{target.Name} {expecter} expects", Ratio(expectedSum, rowCount))] : Array.Empty<PreviewSeries>(),
                ],
                ScenarioTask.Binary =>
                [
                    new PreviewSeries($"{target.PositiveClass} as released", Percent(Ratio(actualSum, rowCount))),
                    .. expects ? [new PreviewSeries($"{target.PositiveClass} as {expecter} expects", Percent(Ratio(expectedSum, rowCount)))] : Array.Empty<PreviewSeries>(),
                ],
                _ => [.. Enumerable.Range(0, classes).Select(c => new PreviewSeries(
                    $"{target.Classes[c]} as released",
                    Percent(Ratio(Enumerable.Range(0, points).Select(p => (double)classCount[p, c]).ToArray(), rowCount))))],
            },
            Events = [.. scenario.Drift.Cast<ScenarioEvent>().Concat(scenario.Quirks)
                .OrderBy(e => e.At)
                .Select(e => new PreviewEvent(e.At, ScenarioEventText.When(e.At), ScenarioEventText.Line(e), e is DriftEvent))],
        };
    }

    /// <summary>The point width: the duration split into about <paramref name="targetPoints"/> whole minutes.</summary>
    public static TimeSpan StepFor(TimeSpan duration, int targetPoints)
    {
        var minutes = Math.Max(1, (long)Math.Ceiling(duration.TotalMinutes / targetPoints));
        return TimeSpan.FromMinutes(minutes);
    }

    private static Scenario Resample(Scenario scenario, TimeSpan step, int rowsPerRelease)
    {
        var spec = scenario.Spec;
        var every = ScenarioDuration.Format(step);
        var resampled = ScenarioSpecReader.Resolve(spec with
        {
            Releases = (spec.Releases ?? new ReleasesSpec()) with { First = every, Cadence = every, Rows = rowsPerRelease, Lag = "0s" },
        }, scenario.Dataset is { } dataset ? DatasetTemplates.Create(dataset) : null);
        return resampled.Scenario
            ?? throw new InvalidOperationException($"The preview could not re-plan the releases: {string.Join("; ", resampled.Errors)}");
    }

    private static int IndexOf(IReadOnlyList<Column> columns, ColumnRole role, string sourceName)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            if (columns[i].Role == role && columns[i].SourceName == sourceName)
            {
                return i;
            }
        }

        return -1;
    }

    private static double?[] Ratio(double[] sums, int[] counts) =>
        [.. sums.Select((sum, i) => counts[i] > 0 ? sum / counts[i] : (double?)null)];

    private static double?[] Percent(double?[] shares) => [.. shares.Select(s => s * 100)];

    private static double?[] Ratio(int[] sums, int[] counts) => Ratio([.. sums.Select(s => (double)s)], counts);

    private static IReadOnlyList<string> TickLabels(TimeSpan step, int points)
    {
        TimeSpan[] candidates =
        [
            TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(30), TimeSpan.FromHours(1), TimeSpan.FromHours(3), TimeSpan.FromHours(6),
            TimeSpan.FromHours(12), TimeSpan.FromDays(1), TimeSpan.FromDays(2), TimeSpan.FromDays(7), TimeSpan.FromDays(14),
            TimeSpan.FromDays(30), TimeSpan.FromDays(91), TimeSpan.FromDays(365),
        ];
        var span = step * points;
        var tick = candidates.FirstOrDefault(c => span / c <= 10, candidates[^1]);
        var labels = new string[points];
        var next = TimeSpan.Zero;
        for (var i = 0; i < points; i++)
        {
            var from = step * i;
            if (from >= next)
            {
                labels[i] = ScenarioEventText.When(TimeSpan.FromTicks(from.Ticks / tick.Ticks * tick.Ticks));
                next = TimeSpan.FromTicks((from.Ticks / tick.Ticks + 1) * tick.Ticks);
            }
            else
            {
                labels[i] = "";
            }
        }

        return labels;
    }

    private static IEnumerable<string> NamedFeatures(ScenarioEvent change) => change switch
    {
        CovariateShift s => [s.Feature],
        Recalibration r => [r.Feature],
        MissingValues m => m.Columns.IsDefaultOrEmpty ? [] : m.Columns,
        _ => [],
    };
}
