using System.Globalization;
using System.Text;
using PPipe.Scenarios.Spec;
using PPipe.Scenarios.Templates;

namespace PPipe.Scenarios.Datasets;

/// <summary>
/// The template a scenario over a dataset is merged over: the dataset's world and a default spec sized to its rows — 28
/// days, a release a day publishing about 80% of the day's share of the releasable rows, a batch a day from the held-out
/// rows (at least 48, so copied predictions can be detected; a small dataset's rows repeat), an endpoint from day 3 — which the author's spec overrides like a built-in template's.
/// </summary>
public static class DatasetTemplates
{
    private const int Days = 28;
    private const int MaxReleaseRows = 100_000;
    private const int MaxBatchRows = 5_000;

    /// <summary>Copy detection compares batches in bands of 16 rows and needs three shared bands: smaller batches are never checked.</summary>
    private const int MinBatchRows = 48;

    /// <summary>Every criterion an outcome-only scenario over a dataset can grade, and the usual levels.</summary>
    private const string GradingYaml = """
        grading:
          criteria:
            acquisition: 0.15
            batchQuality: 0.30
            punctuality: 0.10
            endpointAvailability: 0.15
            endpointLatency: 0.10
            endpointQuality: 0.20
          levels:
            proficient: 0.5
            advanced: 0.7
            expert: 0.85

        """;

    public static ScenarioTemplate Create(DatasetTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var id = $"dataset {table.DatasetId} v{table.Version}";
        return new ScenarioTemplate(id, DefaultYaml(table), new DatasetWorld(table));
    }

    /// <summary>The default spec of a scenario over <paramref name="table"/>, as YAML an instructor can copy and edit.</summary>
    public static string DefaultYaml(DatasetTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (table.Grid is { } grid)
        {
            return ForecastYaml(table, grid);
        }

        var releaseRows = Math.Clamp((int)Math.Round(0.8 * table.Released.Length / Days), 1, MaxReleaseRows);
        var batchRows = Math.Clamp((int)Math.Round(0.8 * table.Held.Length / (Days - 1)), MinBatchRows, MaxBatchRows);
        var probeRows = Math.Clamp(table.Held.Length / 100, 1, 20);
        var metric = table.Task switch
        {
            ScenarioTask.Regression => "rmse",
            _ => "accuracy",
        };
        var invariant = CultureInfo.InvariantCulture;
        var yaml = Header(table, Days, metric);
        yaml.Append(invariant, $"""
            briefing: |

            """);
        foreach (var line in Briefing(table, releaseRows, batchRows).Split('\n'))
        {
            yaml.Append("  ").Append(line).Append('\n');
        }

        yaml.Append(invariant, $"""
            releases:
              first: 0d
              cadence: 1d
              rows: {releaseRows}
              channel: api
            batches:
              first: 1d
              cadence: 1d
              rows: {batchRows}
              dueAfter: 12h
              labelDelay: 12h
              submissionLimit: 3
              late:
                policy: penalty
                penalty: 0.25
                cutoff: 12h
            endpoint:
              from: 3d
              probeInterval: 1h
              rowsPerProbe: {probeRows}
              timeout: 2s
              slo:
                availability: 0.99
                p95LatencyMs: 300

            """);
        return yaml.Append(GradingYaml).ToString();
    }

    private static string Briefing(DatasetTable table, int releaseRows, int batchRows)
    {
        var task = table.Task switch
        {
            ScenarioTask.Regression => $"predict `{table.Target.Name}`",
            _ => $"predict `{table.Target.Name}` ({string.Join(", ", table.Target.Classes.Select(c => $"`{c}`"))})",
        };
        var features = string.Join(", ", table.Features.Select(f => $"`{f.Name}`"));
        return $"""
            ## Predicting {table.Target.Name} from {table.DatasetId}

            **Your job:** {task} for each row.

            **Data.** Rows of dataset `{table.DatasetId}` (version {table.Version}) are published once a day, about {releaseRows}
            a day, with {features} and the answer. {(table.TimeOrdered ? "They come in the order they were recorded." : "They come in no particular order.")}

            **What we need from you**
            - Every day a batch of about {batchRows} rows opens; send your predictions within 12 hours.
            - From day 3 your model answers online, within 300 ms (p95), up 99% of the time.

            Your scores are relative to reference models P-PIPE fitted on this dataset: one that knew each period's data, and
            one trained on the first days only and never again.
            """.Replace("\r", "", StringComparison.Ordinal);
    }

    /// <summary>Steps per day a forecast's default may release: each divides a day, so daily releases hold whole steps.</summary>
    private static readonly int[] StepsPerDay = [24, 12, 8, 6, 4, 3, 2, 1];

    /// <summary>
    /// The default spec of a forecast over a dataset. The season and horizon follow from how far apart the recorded steps
    /// are (hours: a day; days: a week; weeks: a year and a month ahead; months: a year and a quarter ahead); the history is
    /// up to five seasons; and each recorded step takes the scenario time that spreads as many of the remaining steps as
    /// possible over 28 days of daily releases (a shorter scenario when even one step a day does not fill 28 days, and
    /// at least 3 days, so a dataset of fewer than about 15 steps gets a default that validation refuses, saying why).
    /// </summary>
    public static string ForecastYaml(DatasetTable table, DatasetGrid grid)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(grid);
        var (season, horizon) = SeasonOf(grid.TypicalGap());
        season = Math.Max(1, Math.Min(season, grid.StepCount / 3));
        horizon = Math.Max(1, Math.Min(horizon, season));
        var historySteps = Math.Max(season + 1, Math.Min(5 * season, grid.StepCount / 3));
        // Release 1's window is the history and the first day; the last batch asks for the horizon after the last release:
        // history + (days + 1) days of steps + horizon must be recorded (what validation checks).
        var remaining = grid.StepCount - historySteps - horizon;
        var perDay = StepsPerDay.FirstOrDefault(n => n * (Days + 1) <= remaining, 1);
        var days = Math.Clamp(remaining / perDay - 1, 3, Days);
        var step = TimeSpan.FromDays(1) / perDay;
        var invariant = CultureInfo.InvariantCulture;
        var yaml = Header(table, days, "mase");
        yaml.Append(invariant, $"""
            forecast:

            """);
        if (grid.SeriesColumn is { } series)
        {
            yaml.Append(invariant, $"  series: {Quote(series)}\n");
        }

        yaml.Append(invariant, $"""
              horizon: {horizon}
              season: {season}
              history: {ScenarioDuration.Format(step * historySteps)}
              step: {ScenarioDuration.Format(step)}
            briefing: |

            """);
        foreach (var line in ForecastBriefing(table, grid, horizon, perDay).Split('\n'))
        {
            yaml.Append("  ").Append(line).Append('\n');
        }

        yaml.Append("""
            releases:
              first: 0d
              cadence: 1d
              channel: api
            batches:
              first: 0d
              cadence: 1d
              dueAfter: 6h
              labelDelay: 1d
              submissionLimit: 3
              late:
                policy: penalty
                penalty: 0.2
                cutoff: 12h
            endpoint:
              from: 2d
              probeInterval: 1h
              rowsPerProbe: 10
              timeout: 1s
              slo:
                availability: 0.99
                p95LatencyMs: 300

            """);
        return yaml.Append(GradingYaml).ToString();
    }

    /// <summary>A season (in steps) and a horizon for steps <paramref name="gap"/> apart.</summary>
    private static (int Season, int Horizon) SeasonOf(TimeSpan gap)
    {
        if (gap <= TimeSpan.Zero)
        {
            return (1, 1);
        }

        if (gap < TimeSpan.FromHours(1))
        {
            var perDay = (int)Math.Min(1_000, Math.Round(TimeSpan.FromDays(1) / gap));
            return (perDay, perDay);
        }

        return gap.TotalDays switch
        {
            < 1 => (24, 24),
            < 7 => (7, 7),
            < 28 => (52, 4),
            < 90 => (12, 3),
            < 365 => (4, 2),
            _ => (1, 1),
        };
    }

    private static string ForecastBriefing(DatasetTable table, DatasetGrid grid, int horizon, int perDay)
    {
        var each = grid.SeriesColumn is { } series ? $" for each `{series}` ({grid.Series.Length} series)" : "";
        var others = table.Features.Where(f => f.Name != grid.SeriesColumn).Select(f => $"`{f.Name}`").ToList();
        var with = others.Count == 0 ? "" : $", with {string.Join(", ", others)}";
        return string.Create(CultureInfo.InvariantCulture, $"""
            ## Forecasting {table.Target.Name} from {table.DatasetId}

            **Your job:** forecast `{table.Target.Name}`{each}, {horizon} step(s) ahead.

            **Data.** The recorded series of dataset `{table.DatasetId}` (version {table.Version}), step by step{with}. The
            first release holds the history; then every day brings the next {perDay} step(s). `{table.TimestampColumn}` keeps the
            recorded times; your copy of each series is the recorded one scaled by a factor of your own.

            **What we need from you**
            - Every day a batch opens with the next {horizon} step(s) of every series: forecasts within 6 hours.
            - From day 2 your endpoint answers forecasts online, within 300 ms (p95), up 99% of the time. Each request
              sends the series' recent values (`history`, oldest first).
            - We score you on MASE: your absolute error divided by the error of "the same as one season ago" over each
              series' recent history. Below 1 beats that naive forecast.

            Your scores are also relative to reference models P-PIPE fitted on this dataset: one that knew each period's
            data, and one trained on the history only and never again.
            """).Replace("\r", "", StringComparison.Ordinal);
    }

    /// <summary>The first keys of a default spec: the dataset, a title, the seed, the duration, the table's task and target, the metric.</summary>
    private static StringBuilder Header(DatasetTable table, int days, string metric) => new StringBuilder().Append(CultureInfo.InvariantCulture, $"""
        dataset:
          id: {table.DatasetId}
          version: {table.Version}
        title: {Quote(table.DatasetId)}
        seed: 1
        duration: {days}d
        task: {ScenarioNames.Of(table.Task)}
        target: {Quote(table.Target.Name)}
        metric: {metric}

        """);

    private static string Quote(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
