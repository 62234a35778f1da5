namespace PPipe.Grains.Mail;

/// <summary>Where and as whom the platform sends e-mail: the <c>Mail</c> section, read by every host that runs grains.</summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    /// <summary>The sender's address.</summary>
    public string From { get; set; } = "ppipe@localhost";

    /// <summary>The sender's display name.</summary>
    public string FromName { get; set; } = "P-PIPE";

    public MailSmtpOptions Smtp { get; set; } = new();

    /// <summary>The folder mail is written to (one <c>.eml</c> file per message) when no SMTP host is set; empty means <c>ppipe-mail</c> in the system's temp folder.</summary>
    public string? PickupDirectory { get; set; }

    /// <summary>Mails sent at once by one silo (SMTP connections open at once); more wait for a place.</summary>
    public int MaxConcurrency { get; set; } = 8;

    /// <summary>Whether mail goes to an SMTP server rather than the pickup folder.</summary>
    public bool UsesSmtp => !string.IsNullOrWhiteSpace(Smtp.Host);

    /// <summary>The pickup folder, with its default filled in.</summary>
    public string PickupFolder => string.IsNullOrWhiteSpace(PickupDirectory) ? Path.Combine(Path.GetTempPath(), "ppipe-mail") : PickupDirectory;
}
