using PPipe.Grains.Enrollments;

namespace PPipe.Grains.Credentials;

[GenerateSerializer, Immutable, Alias("ppipe.BucketKey")]
public sealed record BucketKey(EnrollmentKey Enrollment, string SecretAccessKey);
