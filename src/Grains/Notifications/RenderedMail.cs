namespace PPipe.Grains.Notifications;

/// <summary>A notification as a mail: subject, plain-text and HTML bodies.</summary>
internal sealed record RenderedMail(string Subject, string TextBody, string HtmlBody);
