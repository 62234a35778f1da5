namespace PPipe.Frontend.Channels.Bucket;

/// <summary>
/// One <c>Contents</c> entry of a ListObjectsV2 answer. The ETag gets its quotes when it has none,
/// as S3 writes them.
/// </summary>
public sealed record S3ObjectSummary(string Key, DateTimeOffset LastModified, string ETag, long Size, string StorageClass = "STANDARD");
