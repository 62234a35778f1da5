namespace PPipe.Grains.Interfaces.Calendar;

/// <summary>
/// The answer to a rotation: the new feed, or (null) a refusal because the student replaced it
/// <see cref="CalendarRotationLimit.PerHour"/> times within the hour, with when a rotation is taken again.
/// </summary>
[GenerateSerializer, Immutable, Alias("ppipe.CalendarRotation")]
public sealed record CalendarRotation(StudentCalendar? Calendar, DateTimeOffset? RetryAt);
