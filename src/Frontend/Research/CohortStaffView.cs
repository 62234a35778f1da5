namespace PPipe.Frontend.Research;

/// <summary>The accounts that teach a cohort: instructors listed here may export its research data.</summary>
public sealed record CohortStaffView(string CohortId, IReadOnlyList<string> Staff);
