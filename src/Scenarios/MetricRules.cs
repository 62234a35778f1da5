namespace PPipe.Scenarios;

/// <summary>Which metric fits which task, and which way is better.</summary>
public static class MetricRules
{
    /// <summary>The metrics a task can be scored with, in the order a person would consider them.</summary>
    public static IReadOnlyList<Metric> For(ScenarioTask task) => task switch
    {
        ScenarioTask.Binary => [Metric.Accuracy, Metric.MacroF1, Metric.RocAuc, Metric.LogLoss],
        ScenarioTask.Multiclass => [Metric.Accuracy, Metric.MacroF1],
        ScenarioTask.Forecast => [Metric.Mase, Metric.Smape, Metric.Mae, Metric.Rmse],
        _ => [Metric.Rmse, Metric.Mae, Metric.R2],
    };

    public static bool AppliesTo(this Metric metric, ScenarioTask task) => For(task).Contains(metric);

    public static bool HigherIsBetter(this Metric metric) => metric is not (Metric.Rmse or Metric.Mae or Metric.LogLoss or Metric.Mase or Metric.Smape);

    /// <summary>True when the metric scores a probability of the positive class rather than a label.</summary>
    public static bool NeedsProbability(this Metric metric) => metric is Metric.RocAuc or Metric.LogLoss;
}
