namespace PPipe.Frontend.Datasets;

/// <summary><c>GET /api/v1/admin/datasets</c>: one page of uploaded datasets, newest first, and how many there are.</summary>
public sealed record DatasetList(IReadOnlyList<DatasetList.DatasetEntry> Datasets, int Page, int PageSize, int Total)
{
    /// <summary>A dataset: its id, its newest version and when that was uploaded.</summary>
    public sealed record DatasetEntry(string Id, int LatestVersion, DateTimeOffset UploadedAt);
}
