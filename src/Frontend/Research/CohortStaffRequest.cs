namespace PPipe.Frontend.Research;

/// <summary>Body of <c>PUT /api/v1/admin/cohorts/{id}/staff</c>: the user names of the accounts that teach the cohort.</summary>
public sealed record CohortStaffRequest(IReadOnlyList<string>? Staff);
