namespace PPipe.Frontend.Notifications;

/// <summary>The data of an <c>announcement</c> event on a student's event stream.</summary>
public sealed record AnnouncementEvent(int Seq, string Subject, string Text, DateTimeOffset PostedAt);
