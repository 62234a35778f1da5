namespace PPipe.Grains.Client.Datasets;

/// <summary>What a dataset holds in the store: uploads, how many of them are sealed, and their chunks' bytes.</summary>
public sealed record DatasetStorageUsage(int Uploads, int Sealed, long Bytes);
