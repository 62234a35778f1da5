namespace PPipe.Frontend.Calendar;

/// <summary><c>POST /api/v1/calendar/rotate</c>: the student's new calendar feed URL (the previous one is dead).</summary>
public sealed record CalendarFeedResponse(string FeedUrl);
