using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace PPipe.Notify.Bench;

/// <summary>The baseline: pre-built messages sent with MailKit over one connection in a plain loop, nothing else.</summary>
public static class PlainMailKitLoop
{
    public static async Task SendAsync(IReadOnlyList<MimeMessage> messages, int port)
    {
        using var client = new SmtpClient();
        await client.ConnectAsync("127.0.0.1", port, SecureSocketOptions.None);
        foreach (var message in messages)
        {
            await client.SendAsync(message);
        }

        await client.DisconnectAsync(quit: true);
    }
}
