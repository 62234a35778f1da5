using MimeKit;
using PPipe.Grains.Client.Notifications;
using PPipe.Grains.Interfaces.Notifications;
using PPipe.Grains.Mail;
using PPipe.Grains.Notifications;

namespace PPipe.Notify.Bench;

/// <summary>
/// The baseline's messages, built before the clock starts exactly as the platform builds an announcement's mail for each
/// student (the same texts, signed unsubscribe link, headers and Message-ID), so both runs send the same bytes.
/// </summary>
public static class BenchMails
{
    public static List<MimeMessage> Announcement(Announcement announcement, string cohortName, int students, string prefix, string domain)
    {
        var links = new NotificationLinks(new Uri("https://ppipe.example.edu/"));
        var options = new MailOptions { From = "courses@ppipe.example.edu" };
        var key = new byte[32];
        var now = DateTimeOffset.UtcNow;
        var messages = new List<MimeMessage>(students);
        for (var n = 1; n <= students; n++)
        {
            var to = new NotificationRecipient(announcement.CohortId, cohortName, $"{prefix}{n}", $"Student {n}", $"{prefix}{n}@{domain}", null, default);
            var message = new OutboxMessage($"{announcement.CohortId}/{prefix}{n}/n1", NotificationKind.Announcement, now, to, 0,
                [new NotificationEvent(NotificationKind.Announcement, $"announcement-{announcement.Seq}", announcement.PostedAt, announcement.Subject, announcement.Text)], 0);
            var token = new UnsubscribeToken(announcement.CohortId, $"{prefix}{n}", NotificationKind.Announcement).Sign(key);
            var rendered = NotificationText.Mail(message, links, links.UnsubscribePage(token));
            messages.Add(MailFormat.ToMimeMessage(new OutgoingMail(to.Email!, to.Name, rendered.Subject, rendered.TextBody, rendered.HtmlBody, false,
                links.OneClick(token), NotificationDispatcher.MessageIdOf(message.Id)), options, now));
        }

        return messages;
    }
}
