namespace PPipe.Frontend.Cohorts;

/// <summary><c>GET /api/v1/admin/cohorts</c>: one page of cohorts, newest first, and how many there are.</summary>
public sealed record CohortList(IReadOnlyList<CohortView> Cohorts, int Page, int PageSize, int Total);
