using System.Globalization;
using System.Net;
using System.Text;
using PPipe.Grains.Client.Notifications;
using PPipe.Grains.Interfaces.Notifications;

namespace PPipe.Grains.Notifications;

/// <summary>
/// The words of a notification: its subject, its mail (plain text and HTML, with the links to the student's page, the
/// settings and the unsubscribe page) and its chat text. A digest lists its events oldest first and says how many a
/// full digest left out. Pure.
/// </summary>
internal static class NotificationText
{
    /// <summary>How times read in notifications: minutes in UTC (students' own time zones are on their page).</summary>
    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string SubjectOf(OutboxMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var count = message.Events.Length + message.Omitted;
        var what = count == 1 ? message.Events[0].Title : message.Kind switch
        {
            NotificationKind.BatchOpened => $"{count} batches opened",
            NotificationKind.BatchDueSoon => $"{count} batches due soon with nothing submitted",
            NotificationKind.BatchMissed => $"{count} batch deadlines passed with nothing submitted",
            NotificationKind.Endpoint => $"Your endpoint: {count} changes",
            NotificationKind.GradeLevel => $"Your grade level changed {count} times",
            NotificationKind.Announcement => $"{count} announcements",
            NotificationKind.CohortAlert => $"{count} endpoint alerts",
            NotificationKind.Survey => $"{count} survey notices",
            _ => $"{count} notifications",
        };
        return $"{message.To.CohortName}: {what}";
    }

    /// <summary>The mail of <paramref name="message"/>; <paramref name="unsubscribePage"/> is the page that turns its kind off.</summary>
    public static RenderedMail Mail(OutboxMessage message, NotificationLinks links, Uri unsubscribePage)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(links);
        var page = message.To.StudentId is null ? links.Cohort(message.To.CohortId) : links.StudentPage;
        var settings = message.To.StudentId is null ? links.Cohort(message.To.CohortId) : links.StudentSettings;
        var why = message.To.StudentId is null
            ? $"You get this as the contact for cohort {message.To.CohortName} on P-PIPE, with {NotificationKinds.Describe(message.Kind)} on."
            : $"You get this because {NotificationKinds.Describe(message.Kind)} is on in your P-PIPE notification settings for {message.To.CohortName}.";

        var text = new StringBuilder()
            .Append("Hello ").Append(message.To.Name).Append(",\n\n");
        var html = new StringBuilder()
            .Append("<!DOCTYPE html><html><body style=\"font-family: sans-serif; line-height: 1.4\">")
            .Append("<p>Hello ").Append(Html(message.To.Name)).Append(",</p>");
        if (!message.IsDigest)
        {
            var only = message.Events[0];
            text.Append(only.Title).Append("\n\n").Append(only.Detail).Append("\n\n");
            html.Append("<p><strong>").Append(Html(only.Title)).Append("</strong></p><p>").Append(Paragraphs(only.Detail)).Append("</p>");
        }
        else
        {
            text.Append("Since ").Append(Time(message.Events[0].At)).Append(":\n\n");
            html.Append("<p>Since ").Append(Html(Time(message.Events[0].At))).Append(":</p><ul>");
            foreach (var notice in message.Events)
            {
                text.Append("- ").Append(Time(notice.At)).Append(": ").Append(notice.Title).Append(". ").Append(notice.Detail).Append('\n');
                html.Append("<li>").Append(Html(Time(notice.At))).Append(": <strong>").Append(Html(notice.Title)).Append("</strong>. ")
                    .Append(Paragraphs(notice.Detail)).Append("</li>");
            }

            html.Append("</ul>");
            if (message.Omitted > 0)
            {
                text.Append("- and ").Append(message.Omitted).Append(" more before these\n");
                html.Append("<p>and ").Append(message.Omitted).Append(" more before these</p>");
            }

            text.Append('\n');
        }

        text.Append("Your page: ").Append(page.AbsoluteUri).Append("\n\n")
            .Append("-- \n").Append(why).Append('\n')
            .Append("Change what you get: ").Append(settings.AbsoluteUri).Append('\n')
            .Append("Stop these: ").Append(unsubscribePage.AbsoluteUri).Append('\n');
        html.Append("<p><a href=\"").Append(Html(page.AbsoluteUri)).Append("\">Your page</a></p>")
            .Append("<hr><p style=\"font-size: small; color: #555\">").Append(Html(why)).Append(" <a href=\"").Append(Html(settings.AbsoluteUri))
            .Append("\">Change what you get</a> · <a href=\"").Append(Html(unsubscribePage.AbsoluteUri)).Append("\">Stop these</a></p>")
            .Append("</body></html>");
        return new RenderedMail("P-PIPE · " + SubjectOf(message), text.ToString(), html.ToString());
    }

    /// <summary>The chat text of <paramref name="message"/>: the subject, each event, and the link to the page.</summary>
    public static string Chat(OutboxMessage message, NotificationLinks links)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(links);
        var text = new StringBuilder("P-PIPE · ").Append(SubjectOf(message)).Append('\n');
        foreach (var notice in message.Events)
        {
            text.Append(message.IsDigest ? $"- {Time(notice.At)}: {notice.Title}. " : "").Append(notice.Detail).Append('\n');
        }

        if (message.Omitted > 0)
        {
            text.Append("- and ").Append(message.Omitted).Append(" more before these\n");
        }

        return text.Append(message.To.StudentId is null ? links.Cohort(message.To.CohortId).AbsoluteUri : links.StudentPage.AbsoluteUri).ToString();
    }

    private static string Html(string text) => WebUtility.HtmlEncode(text);

    private static string Paragraphs(string text) => Html(text).Replace("\n\n", "</p><p>", StringComparison.Ordinal).Replace("\n", "<br>", StringComparison.Ordinal);
}
