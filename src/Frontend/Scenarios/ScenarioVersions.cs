namespace PPipe.Frontend.Scenarios;

/// <summary><c>GET /api/v1/admin/scenarios/{id}</c>: an uploaded scenario and every version of it, oldest first.</summary>
public sealed record ScenarioVersions(string Id, IReadOnlyList<ScenarioVersions.VersionEntry> Versions)
{
    /// <summary>One version: its number, title and when it was uploaded.</summary>
    public sealed record VersionEntry(int Version, string Title, DateTimeOffset CreatedAt);
}
