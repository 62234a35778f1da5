namespace PPipe.Simulation.Students;

/// <summary>The S3-compatible bucket of an enrollment, as <c>/api/v1/me</c> gives it.</summary>
public sealed record BucketAccess(Uri Endpoint, string Bucket, string AccessKeyId, string SecretAccessKey, string Region);
