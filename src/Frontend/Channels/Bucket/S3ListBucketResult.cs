namespace PPipe.Frontend.Channels.Bucket;

/// <summary>
/// A ListObjectsV2 answer. The caller has already applied prefix, delimiter, start-after,
/// continuation and max-keys; this is only what gets written. <see cref="KeyCount"/> follows from
/// the entries, as in S3.
/// </summary>
public sealed record S3ListBucketResult(
    string Name,
    string Prefix,
    int MaxKeys,
    bool IsTruncated,
    IReadOnlyList<S3ObjectSummary> Contents)
{
    /// <summary>Keys grouped by the delimiter (e.g. <c>releases/</c> for <c>aws s3 ls s3://bucket/</c>).</summary>
    public IReadOnlyList<string> CommonPrefixes { get; init; } = [];

    public string? Delimiter { get; init; }

    /// <summary>The <c>continuation-token</c> the request carried.</summary>
    public string? ContinuationToken { get; init; }

    /// <summary>The token for the next page; set when <see cref="IsTruncated"/>.</summary>
    public string? NextContinuationToken { get; init; }

    public string? StartAfter { get; init; }

    /// <summary>
    /// <c>url</c> when the request asked for <c>encoding-type=url</c> (the AWS CLI always does): keys,
    /// prefixes, delimiter and start-after are then written URL-encoded, and the client decodes them.
    /// </summary>
    public string? EncodingType { get; init; }

    public int KeyCount => Contents.Count + CommonPrefixes.Count;
}
