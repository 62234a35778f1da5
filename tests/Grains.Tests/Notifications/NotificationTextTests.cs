using PPipe.Grains.Client.Notifications;
using PPipe.Grains.Interfaces.Notifications;
using PPipe.Grains.Notifications;
using static PPipe.Grains.Tests.Notifications.Notices;

namespace PPipe.Grains.Tests.Notifications;

public sealed class NotificationTextTests
{
    private static readonly NotificationLinks Links = new(new Uri("https://ppipe.example.edu/"));
    private static readonly Uri StopPage = Links.UnsubscribePage("tok");

    [Fact]
    public void Mail_OneEvent_TitleDetailPageSettingsAndTheUnsubscribeLinkInBothParts()
    {
        var message = Message("c-1/ada/n1", NotificationKind.BatchOpened) with
        {
            Events = [new NotificationEvent(NotificationKind.BatchOpened, "batch-2-opened", At(0), "Batch 2 is open", "Due <soon> & then.")],
        };

        var mail = NotificationText.Mail(message, Links, StopPage);

        Assert.Equal("P-PIPE · Spring: Batch 2 is open", mail.Subject);
        Assert.Contains("Hello Ada,", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Due <soon> & then.", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://ppipe.example.edu/student#notifications", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Stop these: https://ppipe.example.edu/unsubscribe?token=tok", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("a batch opened is on", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Due &lt;soon&gt; &amp; then.", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("href=\"https://ppipe.example.edu/unsubscribe?token=tok\"", mail.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Mail_Digest_ListsEveryEventAndWhatWasLeftOut()
    {
        var message = Message("c-1/ada/n2", NotificationKind.BatchMissed) with
        {
            Events = [Event(NotificationKind.BatchMissed, "batch-1-missed", 0), Event(NotificationKind.BatchMissed, "batch-2-missed", 30)],
            Omitted = 3,
        };

        var mail = NotificationText.Mail(message, Links, StopPage);

        Assert.Equal("P-PIPE · Spring: 5 batch deadlines passed with nothing submitted", mail.Subject);
        Assert.Contains($"Since {NotificationText.Time(At(0))}:", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("batch-1-missed", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("batch-2-missed", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("and 3 more before these", mail.TextBody, StringComparison.Ordinal);
        Assert.Equal(2, mail.HtmlBody.Split("<li>").Length - 1);
    }

    [Fact]
    public void Mail_Instructor_LinksTheCohortPage()
    {
        var message = Message("c-1/n1", NotificationKind.CohortAlert, to: Ada with { StudentId = null, Name = "Prof" });

        var mail = NotificationText.Mail(message, Links, StopPage);

        Assert.Contains("Your page: https://ppipe.example.edu/cohorts/c-1", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("as the contact for cohort Spring", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Chat_SubjectEventsAndPage()
    {
        var message = Message("c-1/ada/n1", NotificationKind.Announcement) with
        {
            Events = [new NotificationEvent(NotificationKind.Announcement, "announcement-1", At(0), "Lab moved", "The lab is on Friday.")],
        };

        var text = NotificationText.Chat(message, Links);

        Assert.Equal("P-PIPE · Spring: Lab moved\nThe lab is on Friday.\nhttps://ppipe.example.edu/student", text);
    }

    [Fact]
    public void Time_MinutesInUtc() =>
        Assert.Equal("2030-03-04 11:30 UTC", NotificationText.Time(new DateTimeOffset(2030, 3, 4, 13, 30, 59, TimeSpan.FromHours(2))));

}
