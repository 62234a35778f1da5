using PPipe.Grains.Interfaces.Enrollments;

namespace PPipe.Grains.Interfaces.Credentials;

[GenerateSerializer, Immutable, Alias("ppipe.BucketKey")]
public sealed record BucketKey(EnrollmentKey Enrollment, string SecretAccessKey);
