namespace PPipe.Frontend.Scenarios;

/// <summary><c>GET /api/v1/admin/scenarios</c>: one page of uploaded scenarios, newest first, and how many there are.</summary>
public sealed record ScenarioList(IReadOnlyList<ScenarioList.ScenarioEntry> Scenarios, int Page, int PageSize, int Total)
{
    /// <summary>An uploaded scenario: its id, its newest version's number and title, and when that version was uploaded.</summary>
    public sealed record ScenarioEntry(string Id, string Title, int LatestVersion, DateTimeOffset CreatedAt);
}
