using System.Globalization;
using System.Text;
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
        var releaseRows = Math.Clamp((int)Math.Round(0.8 * table.Released.Length / Days), 1, MaxReleaseRows);
        var batchRows = Math.Clamp((int)Math.Round(0.8 * table.Held.Length / (Days - 1)), MinBatchRows, MaxBatchRows);
        var probeRows = Math.Clamp(table.Held.Length / 100, 1, 20);
        var metric = table.Task switch
        {
            ScenarioTask.Regression => "rmse",
            _ => "accuracy",
        };
        var invariant = CultureInfo.InvariantCulture;
        var yaml = new StringBuilder();
        yaml.Append(invariant, $"""
            dataset:
              id: {table.DatasetId}
              version: {table.Version}
            title: {Quote(table.DatasetId)}
            seed: 1
            duration: {Days}d
            task: {ScenarioNames.Of(table.Task)}
            target: {Quote(table.Target.Name)}
            metric: {metric}
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

            """);
        return yaml.ToString();
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

    private static string Quote(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
