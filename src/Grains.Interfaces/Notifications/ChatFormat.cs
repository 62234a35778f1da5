namespace PPipe.Grains.Interfaces.Notifications;

/// <summary>The JSON a chat webhook is sent (docs/notifications.md shows each).</summary>
public enum ChatFormat
{
    /// <summary><c>{"text": ...}</c>: Slack incoming webhooks, Teams incoming webhooks (connectors), Mattermost, Google Chat.</summary>
    Slack,

    /// <summary><c>{"content": ...}</c>, at most 2,000 characters, mentions disabled: Discord webhooks.</summary>
    Discord,

    /// <summary>A message with one Adaptive Card: Teams webhooks made with the Workflows app (Power Automate).</summary>
    Teams,
}
