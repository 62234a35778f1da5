using PPipe.Grains.Interfaces.Enrollments;

namespace PPipe.Grains.Credentials;

[GenerateSerializer, Alias("ppipe.CredentialState")]
internal sealed class CredentialState
{
    [Id(0)] public EnrollmentKey? Enrollment { get; set; }
    [Id(1)] public bool Revoked { get; set; }
}
