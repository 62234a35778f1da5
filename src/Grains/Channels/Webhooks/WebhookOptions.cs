namespace PPipe.Grains.Channels.Webhooks;

/// <summary>How release notifications are delivered to students' webhooks. Bound from the <c>Webhooks</c> section.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>Attempts per notification, the first included (1 to 10).</summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>The wait before the first retry; each later wait doubles, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Spread retries randomly around their nominal delay, so receivers that fail together are not retried together.</summary>
    public bool UseJitter { get; set; } = true;

    /// <summary>How long one attempt may take, from connecting to the response headers.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
