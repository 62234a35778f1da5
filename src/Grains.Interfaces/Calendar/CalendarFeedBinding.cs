using PPipe.Grains.Interfaces.Enrollments;

namespace PPipe.Grains.Interfaces.Calendar;

/// <summary>What a calendar feed URL opens: the enrollment, and its deadline extension as the enrollment last pushed it.</summary>
[GenerateSerializer, Immutable, Alias("ppipe.CalendarFeedBinding")]
public sealed record CalendarFeedBinding(EnrollmentKey Enrollment, StudentExtension Extension);
