namespace PPipe.Frontend.Cohorts;

/// <summary>
/// <c>GET .../students</c>: up to <c>pageSize</c> students and the cursor of the next page (null after the last).
/// Students come roster page by roster page, each in enrollment order, so a cursor stays valid while students are added.
/// </summary>
public sealed record RosterPage(IReadOnlyList<RosterStudent> Students, string? NextCursor);
