using System.Collections.Concurrent;
using MimeKit;

namespace PPipe.TestSupport;

/// <summary>
/// The mail that reached a folder, parsed with MimeKit: the Maildir the test SMTP server (<c>scripts/smtp.sh</c>, Debian's
/// aiosmtpd) writes, or a pickup folder of <c>.eml</c> files. Tests share a server, so look mail up by recipient: give each
/// test its own addresses. Files appear whole (both writers rename a finished file into place) and are read once.
/// </summary>
public sealed class MailDrop(string folder)
{
    /// <summary>Set by <c>scripts/smtp.sh start</c> (and <c>scripts/test.sh</c>): the test SMTP server's port on 127.0.0.1.</summary>
    public const string PortVariable = "PPIPE_TEST_SMTP_PORT";

    /// <summary>Set with <see cref="PortVariable"/>: the Maildir that server writes every message it accepts to.</summary>
    public const string MaildirVariable = "PPIPE_TEST_MAILDIR";

    private readonly ConcurrentDictionary<string, MimeMessage> _read = new(StringComparer.Ordinal);

    public string Folder { get; } = folder;

    /// <summary>The test SMTP server's port and a drop reading its Maildir; fails (rather than skips) when the server is not running.</summary>
    public static (int Port, MailDrop Drop) TestServer()
    {
        var port = Environment.GetEnvironmentVariable(PortVariable);
        var maildir = Environment.GetEnvironmentVariable(MaildirVariable);
        if (string.IsNullOrEmpty(port) || string.IsNullOrEmpty(maildir))
        {
            throw new InvalidOperationException(
                $"No test SMTP server: run the tests through scripts/test.sh, or eval \"$(scripts/smtp.sh start)\" first ({PortVariable} and {MaildirVariable} are unset).");
        }

        return (int.Parse(port, System.Globalization.CultureInfo.InvariantCulture), new MailDrop(maildir));
    }

    /// <summary>Every message in the folder now, oldest file first.</summary>
    public IReadOnlyList<MimeMessage> All()
    {
        if (!Directory.Exists(Folder))
        {
            return [];
        }

        var files = Directory.EnumerateFiles(Folder, "*.eml")
            .Concat(Maildir("new")).Concat(Maildir("cur"))
            .OrderBy(File.GetLastWriteTimeUtc).ThenBy(f => f, StringComparer.Ordinal);
        List<MimeMessage> messages = [];
        foreach (var file in files)
        {
            // Maildir readers move messages from new/ to cur/; the name's part before ':' stays.
            var key = Path.GetFileName(file).Split(':')[0];
            messages.Add(_read.GetOrAdd(key, _ => MimeMessage.Load(file)));
        }

        return messages;
    }

    /// <summary>The messages whose To holds <paramref name="address"/>, oldest first.</summary>
    public IReadOnlyList<MimeMessage> To(string address) =>
        [.. All().Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase)))];

    /// <summary>Waits (with a deadline) until <paramref name="address"/> has at least <paramref name="count"/> messages, and returns them.</summary>
    public Task<IReadOnlyList<MimeMessage>> WaitForAsync(string address, int count = 1, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        Eventually.ReturnsAsync(() => Task.FromResult(To(address)), m => m.Count >= count,
            $"{count} mail(s) to {address} in {Folder}", timeout, cancellationToken);

    /// <summary>The first link in <paramref name="message"/>'s plain-text part that starts with <paramref name="prefix"/>.</summary>
    public static Uri LinkIn(MimeMessage message, string prefix)
    {
        ArgumentNullException.ThrowIfNull(message);
        var text = message.TextBody ?? throw new InvalidOperationException($"Mail '{message.Subject}' has no plain-text part.");
        var start = text.IndexOf(prefix, StringComparison.Ordinal);
        if (start < 0)
        {
            throw new InvalidOperationException($"Mail '{message.Subject}' has no link starting with {prefix}:\n{text}");
        }

        var end = start;
        while (end < text.Length && !char.IsWhiteSpace(text[end]) && text[end] != '>')
        {
            end++;
        }

        return new Uri(text[start..end]);
    }

    private IEnumerable<string> Maildir(string part)
    {
        var path = Path.Combine(Folder, part);
        return Directory.Exists(path) ? Directory.EnumerateFiles(path) : [];
    }
}
