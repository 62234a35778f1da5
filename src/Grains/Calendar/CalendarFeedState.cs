using PPipe.Grains.Interfaces.Calendar;
using PPipe.Grains.Interfaces.Enrollments;

namespace PPipe.Grains.Calendar;

[GenerateSerializer, Alias("ppipe.CalendarFeedState")]
internal sealed class CalendarFeedState
{
    [Id(0)] public EnrollmentKey? Enrollment { get; set; }
    [Id(1)] public bool Revoked { get; set; }
    [Id(2)] public StudentExtension Extension { get; set; } = StudentExtension.None;
}
