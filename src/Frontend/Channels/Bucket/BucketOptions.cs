namespace PPipe.Frontend.Channels.Bucket;

/// <summary>The S3-compatible bucket channel. Bound from the <c>Bucket</c> section.</summary>
public sealed class BucketOptions
{
    public const string Section = "Bucket";

    /// <summary>
    /// The region clients must sign for (what <c>/api/v1/me</c> tells students to use). Requests
    /// signed for another region are refused with a message naming this one.
    /// </summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>How far a signed request's time may be from the server's, as S3 allows.</summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(15);
}
