using PPipe.Grains.Interfaces.Email;
using PPipe.Grains.Interfaces.Enrollments;

namespace PPipe.Grains.Email;

/// <summary>The enrollments of one address, newest first; at most <see cref="IStudentEmailGrain.MaxEnrollments"/>.</summary>
[GenerateSerializer, Alias("ppipe.StudentEmailState")]
internal sealed class StudentEmailState
{
    [Id(0)] public List<EnrollmentKey> Enrollments { get; set; } = [];
}
