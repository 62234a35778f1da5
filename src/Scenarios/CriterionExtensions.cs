namespace PPipe.Scenarios;

/// <summary>What the rubric needs to know about a criterion beyond its name.</summary>
public static class CriterionExtensions
{
    /// <summary>
    /// True for criteria a scenario has to name in <c>grading.criteria</c> to be graded on: they judge something
    /// students are only asked for when the briefing says so (incident reports, model lineage, reproducibility, rollouts), so existing scenarios keep their grades.
    /// </summary>
    public static bool IsOptIn(this Criterion criterion) => criterion is Criterion.Monitoring or Criterion.Lineage or Criterion.Reproducibility or Criterion.Rollout;
}
