using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PPipe.Grains.Mail;

/// <summary>Says at start where this silo's mail goes, so nobody has to guess where a confirmation mail went.</summary>
internal sealed partial class MailTransportAnnouncement(IMailTransport transport, ILogger<MailTransportAnnouncement> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        switch (transport)
        {
            case PickupFolderMailTransport pickup:
                LogPickup(logger, pickup.Folder);
                break;
            case SmtpMailTransport smtp:
                LogSmtp(logger, smtp.Server);
                break;
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail is written to the pickup folder {Folder} (one .eml file per message; set Mail:Smtp:Host to send through an SMTP server)")]
    private static partial void LogPickup(ILogger logger, string folder);

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail is sent through the SMTP server {Server}")]
    private static partial void LogSmtp(ILogger logger, string server);
}
