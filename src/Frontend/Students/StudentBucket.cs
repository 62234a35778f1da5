using PPipe.Grains.Interfaces.Enrollments;

namespace PPipe.Frontend.Students;

/// <summary>What an S3 client needs to read a student's bucket on this deployment (<c>/api/v1/me</c> → <c>bucket</c>).</summary>
public sealed record StudentBucket(string Endpoint, string Bucket, string AccessKeyId, string SecretAccessKey, string Region)
{
    /// <summary>
    /// The bucket of an enrollment on the deployment at <paramref name="baseUrl"/> (scheme and host, with or without a
    /// trailing slash), signed for <paramref name="region"/> (the bucket channel's configured region).
    /// </summary>
    public static StudentBucket Of(BucketCredentials credentials, string baseUrl, string region) =>
        new(baseUrl.TrimEnd('/') + "/s3", credentials.Bucket, credentials.AccessKeyId, credentials.SecretAccessKey, region);
}
