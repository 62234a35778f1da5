namespace PPipe.Grains.Mail;

/// <summary>The SMTP server mail is sent through: the <c>Mail:Smtp</c> section. Unset <see cref="Host"/> means the pickup folder.</summary>
public sealed class MailSmtpOptions
{
    /// <summary>The server's host name or address; empty writes mail to the pickup folder instead.</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    /// <summary>Sign in with this user name (and <see cref="Password"/>) when set.</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>Attempts per mail, the first included (1 to 10): transient failures (a dropped connection, a 4xx answer) are retried.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>The wait before the first retry; each later one doubles, with jitter.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one step of the conversation with the server (connect, a command) may take.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
