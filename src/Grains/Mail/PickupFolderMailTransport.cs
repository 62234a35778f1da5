using Microsoft.Extensions.Options;

namespace PPipe.Grains.Mail;

/// <summary>
/// Writes each mail as one <c>.eml</c> file into <see cref="MailOptions.PickupFolder"/>, which any mail client opens:
/// embedded mode's default, so a newcomer sees the platform's mail without an SMTP server. A file appears whole (it is
/// written under another name and renamed), named by the time and a random part so they sort by when they were sent.
/// </summary>
public sealed class PickupFolderMailTransport : IMailTransport
{
    private readonly MailOptions _options;
    private readonly TimeProvider _time;

    public PickupFolderMailTransport(IOptions<MailOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _time = time;
        Folder = Path.GetFullPath(_options.PickupFolder);
        Directory.CreateDirectory(Folder);
    }

    /// <summary>The folder mail is written to.</summary>
    public string Folder { get; }

    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var message = MailFormat.ToMimeMessage(mail, _options, now);
        var name = $"{now:yyyyMMdd'T'HHmmssfff}-{Guid.NewGuid():N}";
        var partial = Path.Combine(Folder, name + ".tmp");
        try
        {
            await using (var file = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 16 * 1024, useAsync: true))
            {
                await message.WriteToAsync(file, cancellationToken);
            }

            File.Move(partial, Path.Combine(Folder, name + ".eml"));
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
    }
}
