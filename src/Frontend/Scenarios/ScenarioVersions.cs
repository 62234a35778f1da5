namespace PPipe.Frontend.Scenarios;

/// <summary><c>GET /api/v1/admin/scenarios/{id}</c>: an uploaded scenario and every version of it, oldest first.</summary>
public sealed record ScenarioVersions(string Id, IReadOnlyList<ScenarioVersions.Entry> Versions)
{
    /// <summary>One version: its number, title and when it was uploaded.</summary>
    public sealed record Entry(int Version, string Title, DateTimeOffset CreatedAt);
}
