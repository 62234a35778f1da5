namespace PPipe.Frontend.Datasets;

/// <summary><c>GET /api/v1/admin/datasets/{id}</c>: a dataset's versions, oldest first.</summary>
public sealed record DatasetVersions(string Id, IReadOnlyList<DatasetVersions.VersionEntry> Versions)
{
    /// <summary>A version: its number, upload time, size and whether its roles are confirmed.</summary>
    public sealed record VersionEntry(int Version, DateTimeOffset UploadedAt, long Rows, int Columns, bool RolesConfirmed);
}
