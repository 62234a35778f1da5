using System.Globalization;
using System.Text;
using System.Text.Json;
using PPipe.Scenarios.Assessment;
using PPipe.Scenarios.Generation;
using PPipe.Scenarios.Spec;

namespace PPipe.Scenarios.Bench;

/// <summary>
/// How long a 100,000-row batch submission takes to read, check and score, against baselines that only read
/// the same bytes: a loop that splits lines and sums the prediction column (what the simplest reader would
/// do, with no checks), and for JSON a <see cref="Utf8JsonReader"/> pass summing the numbers. Bodies are built
/// in memory before timing, so only the work is measured.
/// </summary>
internal static class SubmissionBench
{
    private const int Rows = 100_000;

    public static async Task RunAsync(int runs, DateTimeOffset cohortStart)
    {
        var fares = Batch("taxi-fares", cohortStart);
        var churn = Batch("customer-churn", cohortStart);
        var faresCsv = Csv(fares, withProbability: false);
        var faresJson = Json(fares);
        var churnCsv = Csv(churn, withProbability: true);
        await CheckValidAsync(fares, faresCsv, SubmissionFormat.Csv);
        await CheckValidAsync(fares, faresJson, SubmissionFormat.Json);
        await CheckValidAsync(churn, churnCsv, SubmissionFormat.Csv);

        var measured = await Measurement.RunInterleavedAsync(
            runs,
            ("baseline: CSV lines split and summed", Rows, _ => SumLinesAsync(faresCsv)),
            ("CSV regression: read + check + score", Rows, _ => ScoreAsync(fares, faresCsv, SubmissionFormat.Csv)),
            ("baseline: JSON tokens summed", Rows, _ => SumJsonAsync(faresJson)),
            ("JSON regression: read + check + score", Rows, _ => ScoreAsync(fares, faresJson, SubmissionFormat.Json)),
            ("CSV labels + probabilities: read + check + score", Rows, _ => ScoreAsync(churn, churnCsv, SubmissionFormat.Csv)));
        var (csvBaseline, csv, jsonBaseline, json, probabilities) = (measured[0], measured[1], measured[2], measured[3], measured[4]);

        Console.WriteLine($"## {Rows:N0}-row batch submission: read, check, score (median of {runs} runs)");
        Console.WriteLine();
        Console.WriteLine("| case | input MB | median ms | rows/s | MB/s | time vs baseline | allocated | peak heap growth |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (measurement, reference, input) in new[]
        {
            (csvBaseline, csvBaseline, faresCsv), (csv, csvBaseline, faresCsv), (probabilities, csvBaseline, churnCsv),
            (jsonBaseline, jsonBaseline, faresJson), (json, jsonBaseline, faresJson),
        })
        {
            Console.WriteLine(
                $"| {measurement.Case} | {input.Length / 1e6:F1} | {measurement.Median.TotalMilliseconds:F1} | {measurement.RowsPerSecond:N0} | " +
                $"{input.Length / 1e6 / measurement.Median.TotalSeconds:F0} | {measurement.Median / reference.Median:F2}x | " +
                $"{Size(measurement.AllocatedBytes)} | {Size(measurement.PeakHeapGrowth)} |");
        }

        Console.WriteLine();
        Console.WriteLine("Baselines: the CSV one reads lines with a StreamReader, splits at the comma and sums double.Parse of the second field;");
        Console.WriteLine("the JSON one runs Utf8JsonReader over the body and sums every number. Neither checks ids, labels or counts, nor scores.");
        Console.WriteLine("Goal: each submission case under 200 ms.");
        Console.WriteLine();
    }

    private static (Scenario Scenario, IReadOnlyList<RowTruth> Truths, SubmissionReader Reader) Batch(string template, DateTimeOffset cohortStart)
    {
        var scenario = ScenarioSpecReader.Read($"template: {template}\nbatches: {{rows: {Rows}}}") is { IsValid: true } result
            ? result.Scenario
            : throw new InvalidOperationException("The benchmark's spec does not validate.");
        var truths = new ScenarioGenerator(scenario, 42, cohortStart).BatchTruth(scenario.Batches!.CountWithin(scenario.Duration));
        return (scenario, truths, new SubmissionReader(BatchIds.FromTruths(truths), scenario.Target, scenario.Metric));
    }

    /// <summary>A student's CSV of the oracle's predictions, in a shuffled order as a parallel job might write it.</summary>
    private static byte[] Csv((Scenario Scenario, IReadOnlyList<RowTruth> Truths, SubmissionReader Reader) batch, bool withProbability)
    {
        var target = batch.Scenario.Target;
        var text = new StringBuilder(withProbability ? "id,prediction,probability\n" : "id,prediction\n");
        foreach (var truth in Shuffled(batch.Truths))
        {
            if (withProbability)
            {
                text.Append(CultureInfo.InvariantCulture, $"{truth.Id},{target.Classes[truth.Oracle >= 0.5 ? 1 : 0]},{truth.Oracle:F4}\n");
            }
            else
            {
                text.Append(CultureInfo.InvariantCulture, $"{truth.Id},{truth.Oracle.ToString("F" + target.Decimals, CultureInfo.InvariantCulture)}\n");
            }
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static byte[] Json((Scenario Scenario, IReadOnlyList<RowTruth> Truths, SubmissionReader Reader) batch)
    {
        var output = new MemoryStream();
        using (var writer = new Utf8JsonWriter(output))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("predictions");
            foreach (var truth in Shuffled(batch.Truths))
            {
                writer.WriteStartObject();
                writer.WriteString("id", truth.Id.ToString());
                writer.WriteNumber("prediction", Math.Round(truth.Oracle, batch.Scenario.Target.Decimals));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return output.ToArray();
    }

    private static List<RowTruth> Shuffled(IReadOnlyList<RowTruth> truths)
    {
        var list = truths.ToList();
        var random = new Random(1);
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }

        return list;
    }

    private static async Task CheckValidAsync((Scenario Scenario, IReadOnlyList<RowTruth> Truths, SubmissionReader Reader) batch, byte[] body, SubmissionFormat format)
    {
        var result = await batch.Reader.ReadAsync(new MemoryStream(body), format);
        if (!result.IsValid)
        {
            throw new InvalidOperationException($"The benchmark's submission is not valid: {result.Errors[0]}");
        }

        var score = BatchScorer.Score(batch.Scenario.Metric, batch.Truths, result.Predictions!);
        if (score.Rows != Rows || !double.IsFinite(score.Score))
        {
            throw new InvalidOperationException($"The benchmark's submission scored {score}.");
        }
    }

    private static async Task ScoreAsync((Scenario Scenario, IReadOnlyList<RowTruth> Truths, SubmissionReader Reader) batch, byte[] body, SubmissionFormat format)
    {
        var result = await batch.Reader.ReadAsync(new MemoryStream(body, writable: false), format);
        BatchScorer.Score(batch.Scenario.Metric, batch.Truths, result.Predictions!);
    }

    private static async Task SumLinesAsync(byte[] body)
    {
        using var reader = new StreamReader(new MemoryStream(body, writable: false), Encoding.UTF8);
        var sum = 0.0;
        await reader.ReadLineAsync();
        while (await reader.ReadLineAsync() is { } line)
        {
            var comma = line.IndexOf(',');
            var end = line.IndexOf(',', comma + 1);
            sum += double.Parse(line.AsSpan(comma + 1, (end < 0 ? line.Length : end) - comma - 1), CultureInfo.InvariantCulture);
        }

        GC.KeepAlive(sum);
    }

    private static Task SumJsonAsync(byte[] body)
    {
        var reader = new Utf8JsonReader(body);
        var sum = 0.0;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.Number)
            {
                sum += reader.GetDouble();
            }
        }

        GC.KeepAlive(sum);
        return Task.CompletedTask;
    }

    private static string Size(long bytes) => bytes switch
    {
        < 10_000 => $"{bytes} B",
        < 10_000_000 => $"{(bytes / 1e3).ToString("F0", CultureInfo.InvariantCulture)} kB",
        _ => $"{(bytes / 1e6).ToString("F1", CultureInfo.InvariantCulture)} MB",
    };
}
