using BenchmarkDotNet.Attributes;
using PPipe.Grains.Assessment;
using PPipe.Grains.Interfaces.Assessment;

namespace PPipe.Grading.Bench;

/// <summary>
/// One grade of a student at the end of a template's scenario (<see cref="Grader.Grade"/>, the pure function behind
/// <c>GET /api/v1/grade</c>, every progress report and every CSV row), today's way and with the new criteria, and the four
/// new criteria judged alone. The schedule and the cohort's grading are built once, as the silo caches them.
/// </summary>
[MemoryDiagnoser]
public class GradingBenchmarks
{
    private BenchEnrollment _enrollment = null!;

    /// <summary>Templates with daily, weekly and half-daily releases and probes every hour, six hours and half hour.</summary>
    public static IEnumerable<string> Templates { get; } = ["taxi-fares", "customer-churn", "predictive-maintenance"];

    [ParamsSource(nameof(Templates))]
    public string Template { get; set; } = "";

    [GlobalSetup]
    public void Setup() => _enrollment = BenchEnrollment.AtTheEnd(Template);

    [Benchmark(Baseline = true, Description = "today: template rubric, weighted mean")]
    public GradeReport Today() => Grader.Grade(_enrollment.Baseline);

    [Benchmark(Description = "new criteria on, all-proficient")]
    public GradeReport NewCriteria() => Grader.Grade(_enrollment.NewCriteria);

    [Benchmark(Description = "new criteria on, weighted mean")]
    public GradeReport NewCriteriaWeightedMean() => Grader.Grade(_enrollment.NewCriteriaWeightedMean);

    [Benchmark(Description = "new criteria weighed 0 by the cohort")]
    public GradeReport SwitchedOff() => Grader.Grade(_enrollment.SwitchedOff);

    /// <summary>What the judged-alone cases pay besides the criterion: the context and the judged batches, which a full grade works out once for all criteria.</summary>
    [Benchmark(Description = "grading context and judged batches alone")]
    public int Context() => new GradingContext(_enrollment.NewCriteria).JudgedBatches.Count;

    [Benchmark(Description = "monitoring judged alone")]
    public string Monitoring() => MonitoringCriterion.Judge(new GradingContext(_enrollment.NewCriteria)).Feedback;

    [Benchmark(Description = "lineage judged alone")]
    public string Lineage() => LineageCriterion.Judge(new GradingContext(_enrollment.NewCriteria)).Feedback;

    [Benchmark(Description = "reproducibility judged alone")]
    public string Reproducibility() => ReproducibilityCriterion.Judge(new GradingContext(_enrollment.NewCriteria)).Feedback;

    [Benchmark(Description = "rollout judged alone")]
    public string Rollout() => RolloutCriterion.Judge(new GradingContext(_enrollment.NewCriteria)).Feedback;
}
