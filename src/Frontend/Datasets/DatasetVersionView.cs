using PPipe.Grains.Interfaces.Datasets;

namespace PPipe.Frontend.Datasets;

/// <summary>
/// One version of a dataset as the admin API shows it: its size, every column's profile and the roles the instructor
/// confirmed (null until then). <c>links.rows</c> downloads the stored rows as CSV.
/// </summary>
public sealed record DatasetVersionView(string Id, int Version, DateTimeOffset UploadedAt, long Rows, long Bytes,
    IReadOnlyList<DatasetVersionView.ColumnView> Columns, DatasetVersionView.RolesView? Roles, DatasetVersionView.VersionLinks Links)
{
    /// <summary>
    /// A column: its inferred type, how many rows miss it (and the share), its distinct values (exact or estimated),
    /// and, for numbers and timestamps, the smallest and largest value.
    /// </summary>
    public sealed record ColumnView(string Name, ColumnType Type, long Missing, double MissingShare, long Distinct, bool DistinctExact,
        string? Min, string? Max);

    /// <summary>The confirmed roles: the target, and the id and time columns when named.</summary>
    public sealed record RolesView(string Target, string? IdColumn, string? TimeColumn);

    /// <summary>Where the version's rows are.</summary>
    public sealed record VersionLinks(string Rows);

    public static DatasetVersionView Of(DatasetVersion version) => new(
        version.DatasetId, version.Version, version.UploadedAt, version.Profile.Rows, version.Profile.Bytes,
        [.. version.Profile.Columns.Select(c => new ColumnView(c.Name, c.Type, c.Missing,
            version.Profile.Rows == 0 ? 0 : Math.Round((double)c.Missing / version.Profile.Rows, 4), c.Distinct, c.DistinctExact, c.Min, c.Max))],
        version.Roles is { } roles ? new RolesView(roles.Target, roles.IdColumn, roles.TimeColumn) : null,
        new VersionLinks($"/api/v1/admin/datasets/{version.DatasetId}/versions/{version.Version}/rows.csv"));
}
