namespace PPipe.Grains.Interfaces.Enrollments;

/// <summary>The S3-style key pair and bucket name of one enrollment's bucket channel.</summary>
[GenerateSerializer, Immutable, Alias("ppipe.BucketCredentials")]
public sealed record BucketCredentials(string Bucket, string AccessKeyId, string SecretAccessKey);
