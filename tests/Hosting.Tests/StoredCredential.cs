using PPipe.Grains.Interfaces.Enrollments;

namespace PPipe.Hosting.Tests;

/// <summary>A grain state shaped like a credential's: an enrollment key and a flag.</summary>
[GenerateSerializer, Alias("ppipe.tests.StoredCredential")]
public sealed class StoredCredential
{
    [Id(0)] public EnrollmentKey? Enrollment { get; set; }
    [Id(1)] public bool Revoked { get; set; }
}
