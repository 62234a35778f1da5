using Microsoft.Extensions.Options;
using PPipe.Grains.Mail;
using PPipe.TestSupport;

namespace PPipe.Grains.Tests.Mail;

/// <summary>Embedded mode's transport: one whole .eml file per mail, which MimeKit (and any mail client) reads back.</summary>
public sealed class PickupFolderMailTransportTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ppipe-pickup-" + Guid.NewGuid().ToString("N"));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SendAsync_TwoMails_TwoWholeFilesReadBackWithTheirParts()
    {
        var transport = Transport();

        await transport.SendAsync(new OutgoingMail("ana@example.edu", "Ana Lima", "First", "first text", "<p>first</p>", true, null), Ct);
        await transport.SendAsync(new OutgoingMail("ana@example.edu", "Ana Lima", "Second", "second text", "<p>second</p>", false,
            new Uri("https://ppipe.example.edu/api/v1/unsubscribe?t=x")), Ct);

        Assert.Equal(2, Directory.GetFiles(_folder, "*.eml").Length);
        Assert.Empty(Directory.GetFiles(_folder, "*.tmp"));
        var mails = new MailDrop(_folder).To("ana@example.edu");
        Assert.Equal(["First", "Second"], mails.Select(m => m.Subject).Order());
        var second = mails.Single(m => m.Subject == "Second");
        Assert.Equal("second text", second.TextBody?.Trim());
        Assert.Equal("<p>second</p>", second.HtmlBody?.Trim());
        Assert.Equal("List-Unsubscribe=One-Click", second.Headers["List-Unsubscribe-Post"]);
    }

    [Fact]
    public async Task SendAsync_NotTransactionalWithoutUnsubscribeUrl_RefusedAndNothingWritten()
    {
        var transport = Transport();

        await Assert.ThrowsAsync<ArgumentException>(() =>
            transport.SendAsync(new OutgoingMail("ana@example.edu", "Ana", "Digest", "t", "<p>h</p>", false, null), Ct));

        Assert.Empty(Directory.GetFiles(_folder));
    }

    [Fact]
    public void Constructor_NoFolderConfigured_UsesPpipeMailInTheTempFolder()
    {
        var transport = new PickupFolderMailTransport(Options.Create(new MailOptions()), TimeProvider.System);

        Assert.Equal(Path.GetFullPath(Path.Combine(Path.GetTempPath(), "ppipe-mail")), transport.Folder);
    }

    private PickupFolderMailTransport Transport() =>
        new(Options.Create(new MailOptions { PickupDirectory = _folder }), TimeProvider.System);

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
