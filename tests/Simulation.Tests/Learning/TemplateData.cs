using System.Text;
using PPipe.Scenarios;
using PPipe.Scenarios.Generation;
using PPipe.Scenarios.Output;
using PPipe.Scenarios.Scoring;
using PPipe.Scenarios.Templates;
using PPipe.Simulation.Learning;

namespace PPipe.Simulation.Tests.Learning;

/// <summary>One enrollment's data of a built-in template, as the CSV a student downloads, and the batch truth to score with.</summary>
public sealed class TemplateData(string templateId, ulong seed = 7)
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    private readonly ScenarioGenerator _generator = new(ScenarioTemplates.Get(templateId).Scenario, seed, Start);

    public Scenario Scenario => _generator.Scenario;

    public DataTable Release(int seq) => DataTable.ReadCsv(ReleaseCsv(seq));

    public string ReleaseCsv(int seq) => Csv(_generator.OpenRelease(seq));

    public string BatchCsv(int seq) => Csv(_generator.OpenBatch(seq));

    public DataTable Releases(int from, int to) => DataTable.Concat(Enumerable.Range(from, to - from + 1).Select(Release));

    public DataTable BatchFeatures(int seq) => DataTable.ReadCsv(BatchCsv(seq));

    public Model Fit(int fromRelease, int toRelease, LearnerKind learner = LearnerKind.Linear) =>
        Learner.Fit(Releases(fromRelease, toRelease), Scenario.Target.Name, Scenario.Task, learner);

    /// <summary>The metric of <paramref name="model"/> on batch <paramref name="seq"/>, scored as the platform does.</summary>
    public double Score(Model model, int seq)
    {
        var predictions = model.Predict(BatchFeatures(seq));
        return Score(seq, predictions.Select(ToMetricInput).ToArray());
    }

    /// <summary>The metric of the best constant a student could submit having seen <paramref name="training"/>.</summary>
    public double ConstantScore(DataTable training, int seq)
    {
        var target = Scenario.Target;
        var cells = training.Column(target.Name).Where(c => c.Length > 0).ToList();
        double constant;
        if (Scenario.Task.IsNumeric())
        {
            var values = cells.Select(c => double.Parse(c, System.Globalization.CultureInfo.InvariantCulture)).ToList();
            constant = Scenario.Metric == Metric.Mae ? values.Order().ElementAt(values.Count / 2) : values.Average();
        }
        else if (Scenario.Metric.NeedsProbability())
        {
            constant = cells.Count(c => c == target.PositiveClass) / (double)cells.Count;
        }
        else
        {
            constant = target.Classes.IndexOf(cells.GroupBy(c => c).OrderByDescending(g => g.Count()).First().Key);
        }

        return Score(seq, Enumerable.Repeat(constant, Scenario.Batches!.Rows).ToArray());
    }

    /// <summary>The metric of the true concept's predictions on batch <paramref name="seq"/>.</summary>
    public double OracleScore(int seq)
    {
        var truth = _generator.BatchTruth(seq);
        return MetricScore.Compute(Scenario.Metric, truth.Select(t => t.Actual).ToArray(), truth.Select(t => t.Oracle).ToArray(), Scales(truth));
    }

    /// <summary>The metric of the pre-drift concept's predictions on batch <paramref name="seq"/>.</summary>
    public double StaleScore(int seq)
    {
        var truth = _generator.BatchTruth(seq);
        return MetricScore.Compute(Scenario.Metric, truth.Select(t => t.Actual).ToArray(), truth.Select(t => t.Stale).ToArray(), Scales(truth));
    }

    /// <summary>The quality of <paramref name="model"/> on batch <paramref name="seq"/> on the platform's scale (see <see cref="GradeQuality"/>).</summary>
    public double Quality(Model model, int seq) => GradeQuality.Of(Scenario.Metric, Score(model, seq), StaleScore(seq), OracleScore(seq));

    public bool HigherIsBetter => Scenario.Metric.HigherIsBetter();

    private double Score(int seq, double[] predicted)
    {
        var truth = _generator.BatchTruth(seq);
        return MetricScore.Compute(Scenario.Metric, truth.Select(t => t.Actual).ToArray(), predicted, Scales(truth));
    }

    /// <summary>Each row's MASE scale (1 under every other metric).</summary>
    private static double[] Scales(IReadOnlyList<RowTruth> truth) => [.. truth.Select(t => t.Scale)];

    private double ToMetricInput(Prediction prediction) =>
        Scenario.Task.IsNumeric() ? prediction.Value
        : Scenario.Metric.NeedsProbability() ? prediction.Probability!.Value
        : Scenario.Target.Classes.IndexOf(prediction.Label!);

    /// <summary>The rows as the platform streams them (writing to memory completes synchronously).</summary>
    private static string Csv(RowReader rows)
    {
        using var stream = new MemoryStream();
        CsvRowWriter.WriteAsync(rows, stream, TestContext.Current.CancellationToken).GetAwaiter().GetResult();

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
