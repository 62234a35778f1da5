namespace PPipe.Grains.Interfaces.Calendar;

/// <summary>A student's calendar feed: the secret of its URL and the deadline extension its events include.</summary>
[GenerateSerializer, Immutable, Alias("ppipe.StudentCalendar")]
public sealed record StudentCalendar(string Secret, StudentExtension Extension);
