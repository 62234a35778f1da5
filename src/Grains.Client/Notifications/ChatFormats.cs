using PPipe.Grains.Interfaces.Notifications;

namespace PPipe.Grains.Client.Notifications;

/// <summary>Which JSON a chat webhook URL most likely wants, when the student does not say.</summary>
public static class ChatFormats
{
    /// <summary>
    /// Discord for discord.com and discordapp.com, Teams (an Adaptive Card) for the Workflows app's addresses (Logic Apps
    /// and Power Platform hosts), and otherwise the <c>text</c> field Slack, Teams' older incoming webhooks, Mattermost and
    /// Google Chat all read.
    /// </summary>
    public static ChatFormat Guess(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var host = url.IdnHost.ToLowerInvariant();
        return IsUnder(host, "discord.com") || IsUnder(host, "discordapp.com") ? ChatFormat.Discord
            : IsUnder(host, "logic.azure.com") || IsUnder(host, "powerplatform.com") || IsUnder(host, "powerautomate.com") ? ChatFormat.Teams
            : ChatFormat.Slack;
    }

    private static bool IsUnder(string host, string domain) =>
        host == domain || host.EndsWith("." + domain, StringComparison.Ordinal);
}
