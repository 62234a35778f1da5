using PPipe.Grains.Mail;

namespace PPipe.Grains.Tests.Mail;

public sealed class MailFormatTests
{
    private static readonly MailOptions Options = new() { From = "courses@ppipe.example.edu", FromName = "P-PIPE courses" };
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public void ToMimeMessage_TransactionalMail_TextAndHtmlAlternativesWithoutUnsubscribeHeaders()
    {
        var mail = new OutgoingMail("ana@example.edu", "Ana Lima", "Confirm joining MLOps", "Open https://x/confirm", "<p>Open <a href=\"https://x/confirm\">this</a></p>", true, null);

        var message = MailFormat.ToMimeMessage(mail, Options, Now);

        Assert.Equal("\"P-PIPE courses\" <courses@ppipe.example.edu>", message.From.ToString());
        Assert.Equal("\"Ana Lima\" <ana@example.edu>", message.To.ToString());
        Assert.Equal("Confirm joining MLOps", message.Subject);
        Assert.Equal("multipart/alternative", message.Body?.ContentType.MimeType);
        Assert.Equal("Open https://x/confirm", message.TextBody?.Trim());
        Assert.Contains("<a href=\"https://x/confirm\">", message.HtmlBody ?? "", StringComparison.Ordinal);
        Assert.Null(message.Headers["List-Unsubscribe"]);
        Assert.Null(message.Headers["List-Unsubscribe-Post"]);
        Assert.Equal("auto-generated", message.Headers["Auto-Submitted"]);
        Assert.EndsWith("@ppipe.example.edu", message.MessageId, StringComparison.Ordinal);
        Assert.Equal(Now, message.Date);
    }

    [Fact]
    public void ToMimeMessage_NotTransactional_CarriesOneClickUnsubscribe()
    {
        var mail = new OutgoingMail("ana@example.edu", "Ana", "Batch 3 is open", "text", "<p>html</p>", false, new Uri("https://ppipe.example.edu/api/v1/unsubscribe?t=abc"));

        var message = MailFormat.ToMimeMessage(mail, Options, Now);

        Assert.Equal("<https://ppipe.example.edu/api/v1/unsubscribe?t=abc>", message.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
    }

    [Fact]
    public void ToMimeMessage_NotTransactionalWithoutUnsubscribeUrl_IsRefused()
    {
        var mail = new OutgoingMail("ana@example.edu", "Ana", "Batch 3 is open", "text", "<p>html</p>", false, null);

        var refusal = Assert.Throws<ArgumentException>(() => MailFormat.ToMimeMessage(mail, Options, Now));

        Assert.Contains("unsubscribe", refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("outbox-42", "outbox-42@ppipe.example.edu")]
    [InlineData("<n-7@notify.ppipe>", "n-7@notify.ppipe")]
    public void ToMimeMessage_GivenMessageId_IsTheMessageId(string given, string expected)
    {
        var mail = new OutgoingMail("ana@example.edu", "Ana", "Hi", "text", "<p>html</p>", true, null, given);

        Assert.Equal(expected, MailFormat.ToMimeMessage(mail, Options, Now).MessageId);
    }

    [Theory]
    [InlineData("not an address")]
    [InlineData("Ana <ana@example.edu>")]
    [InlineData("ana@example.edu\r\nBcc: everyone@example.edu")]
    public void ToMimeMessage_ToIsNotOneBareAddress_IsRefused(string to)
    {
        var mail = new OutgoingMail(to, "Ana", "Hi", "text", "<p>html</p>", true, null);

        Assert.Throws<ArgumentException>(() => MailFormat.ToMimeMessage(mail, Options, Now));
    }

    [Fact]
    public void ToMimeMessage_SubjectWithALineBreak_IsRefused()
    {
        var mail = new OutgoingMail("ana@example.edu", "Ana", "Hi\r\nBcc: everyone@example.edu", "text", "<p>html</p>", true, null);

        Assert.Throws<ArgumentException>(() => MailFormat.ToMimeMessage(mail, Options, Now));
    }

    [Fact]
    public void Validator_BadSettings_NamesEveryKey()
    {
        var options = new MailOptions
        {
            From = "nobody",
            MaxConcurrency = 0,
            Smtp = new MailSmtpOptions { Host = "smtp.example.edu", Port = 0, MaxAttempts = 11, UserName = "u" },
        };

        var result = new MailOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.All(new[] { "Mail:From", "Mail:MaxConcurrency", "Mail:Smtp:Port", "Mail:Smtp:MaxAttempts", "Mail:Smtp:Password" },
            key => Assert.Contains(key, result.FailureMessage, StringComparison.Ordinal));
    }
}
