namespace PPipe.Frontend.Surveys;

/// <summary>An instrument's versions, lowest first.</summary>
public sealed record InstrumentVersions(string Id, bool BuiltIn, IReadOnlyList<InstrumentVersions.VersionEntry> Versions)
{
    /// <summary>One version: its number, title and when it was uploaded (null for a built-in one).</summary>
    public sealed record VersionEntry(int Version, string Title, DateTimeOffset? CreatedAt);
}
