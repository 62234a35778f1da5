namespace PPipe.Frontend.Notifications;

/// <summary>The body of <c>POST /api/v1/admin/cohorts/{id}/announcements</c>: a subject line and the text.</summary>
public sealed record AnnouncementRequest(string? Subject, string? Text);
