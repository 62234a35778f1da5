using System.Globalization;
using System.Net;
using System.Text;
using PPipe.Grains.Mail;

namespace PPipe.Grains.Email;

/// <summary>
/// The text of the mails people ask for. Each is transactional (asked for just now: no unsubscribe) and says what the link
/// does, how long it works, that it works once, and what to do if the reader did not ask. Plain text and the same in HTML.
/// </summary>
internal static class StudentMails
{
    /// <summary>A course a mail is about and, where it has one, the link for it.</summary>
    public sealed record Course(string Name, Uri? Link);

    public static OutgoingMail JoinConfirmation(string to, string name, Course course, TimeSpan lifetime) => Mail(to, name,
        $"Confirm joining {course.Name}",
        [
            $"Someone, hopefully you, asked to join the course \"{course.Name}\" on P-PIPE with this address.",
            $"To confirm, and to get your token, open this link within {Duration(lifetime)}. It works once:",
        ],
        [course],
        "If you did not ask for this, ignore this mail: nobody joins without the link.");

    public static OutgoingMail AlreadyEnrolled(string to, string name, Course course, Uri recover, TimeSpan lifetime) => Mail(to, name,
        $"You are already in {course.Name}",
        [
            $"Someone, hopefully you, asked to join \"{course.Name}\" on P-PIPE with this address, which is already enrolled in it.",
            $"To open your page, use this sign-in link within {Duration(lifetime)}. It works once:",
        ],
        [course],
        $"Lost your token? Ask for a new one at {recover.AbsoluteUri}");

    public static OutgoingMail NotOnAllowlist(string to, string name, Course course) => Mail(to, name,
        $"This address cannot join {course.Name}",
        [
            $"Someone, hopefully you, asked to join \"{course.Name}\" on P-PIPE with this address.",
            "The course admits only the students its instructor listed, and this address is not one of them. If you take " +
            "the course, ask your instructor which address they have for you and join with that one.",
        ],
        [],
        "If you did not ask for this, ignore this mail.");

    public static OutgoingMail SignIn(string to, string name, IReadOnlyList<Course> courses, TimeSpan lifetime) => Mail(to, name,
        "Your P-PIPE sign-in link",
        [
            courses.Count == 1
                ? $"Open this link within {Duration(lifetime)} to sign in to your page. It works once:"
                : $"Open the link of a course within {Duration(lifetime)} to sign in to your page of it. Each works once:",
        ],
        courses,
        "If you did not ask for this, ignore this mail: nobody signs in without the link.");

    public static OutgoingMail TokenRecovery(string to, string name, IReadOnlyList<Course> courses, TimeSpan lifetime) => Mail(to, name,
        "Replace your P-PIPE token",
        [
            $"Open the link of your course within {Duration(lifetime)} to get a new token. It works once, and your old " +
            "token stops working when you use it: change it in your programs.",
        ],
        courses,
        "If you did not ask for this, ignore this mail: your token stays as it is.");

    private static OutgoingMail Mail(string to, string name, string subject, string[] paragraphs, IReadOnlyList<Course> courses, string footer)
    {
        var greeting = string.IsNullOrWhiteSpace(name) ? "Hello," : $"Hello {name},";
        var text = new StringBuilder().Append(greeting).Append("\n\n");
        var html = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><body style=\"font-family:sans-serif;color:#1d2430\">")
            .Append("<p>").Append(Html(greeting)).Append("</p>");
        foreach (var paragraph in paragraphs)
        {
            text.Append(paragraph).Append("\n\n");
            html.Append("<p>").Append(Html(paragraph)).Append("</p>");
        }

        if (courses.Count > 0)
        {
            html.Append("<ul>");
            foreach (var course in courses)
            {
                var link = course.Link?.AbsoluteUri;
                text.Append(courses.Count == 1 && link is not null ? link : course.Name + (link is null ? "" : ": " + link)).Append('\n');
                html.Append("<li>").Append(link is null ? Html(course.Name)
                    : $"<a href=\"{Html(link)}\">{Html(courses.Count == 1 ? "Open the link" : course.Name)}</a><br><small>{Html(link)}</small>").Append("</li>");
            }

            text.Append('\n');
            html.Append("</ul>");
        }

        text.Append(footer).Append("\n\n-- \nP-PIPE\n");
        html.Append("<p>").Append(Html(footer)).Append("</p><p>P-PIPE</p></body></html>");
        return new OutgoingMail(to, name, subject, text.ToString(), html.ToString(), Transactional: true, UnsubscribeUrl: null);
    }

    /// <summary>"24 hours", "15 minutes", "2 days".</summary>
    public static string Duration(TimeSpan span) =>
        span.TotalDays >= 2 && span.TotalDays % 1 == 0 ? $"{span.TotalDays.ToString(CultureInfo.InvariantCulture)} days"
        : span.TotalHours >= 1 && span.TotalHours % 1 == 0 ? Plural((int)span.TotalHours, "hour")
        : Plural((int)Math.Ceiling(span.TotalMinutes), "minute");

    private static string Plural(int n, string unit) => n == 1 ? $"1 {unit}" : $"{n} {unit}s";

    private static string Html(string text) => WebUtility.HtmlEncode(text);
}
