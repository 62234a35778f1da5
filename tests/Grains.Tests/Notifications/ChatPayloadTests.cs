using System.Text.Json;
using PPipe.Grains.Client.Notifications;
using PPipe.Grains.Interfaces.Notifications;
using PPipe.Grains.Notifications;

namespace PPipe.Grains.Tests.Notifications;

/// <summary>The JSON each chat service takes (docs/notifications.md shows the same).</summary>
public sealed class ChatPayloadTests
{
    [Fact]
    public void Body_Slack_TextField()
    {
        var body = JsonDocument.Parse(ChatPayload.Body(ChatFormat.Slack, "hello")).RootElement;

        Assert.Equal("""{"text":"hello"}""", body.GetRawText());
    }

    [Fact]
    public void Body_Discord_ContentCutToTheLimitAndNoMentions()
    {
        var body = JsonDocument.Parse(ChatPayload.Body(ChatFormat.Discord, "@everyone " + new string('x', 3000))).RootElement;

        var content = body.GetProperty("content").GetString()!;
        Assert.Equal(ChatPayload.DiscordLimit, content.Length);
        Assert.EndsWith("…", content, StringComparison.Ordinal);
        Assert.Equal(0, body.GetProperty("allowed_mentions").GetProperty("parse").GetArrayLength());
    }

    [Fact]
    public void Body_Teams_AMessageWithOneAdaptiveCardHoldingTheText()
    {
        var body = JsonDocument.Parse(ChatPayload.Body(ChatFormat.Teams, "hello")).RootElement;

        Assert.Equal("message", body.GetProperty("type").GetString());
        var attachment = body.GetProperty("attachments")[0];
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.GetProperty("contentType").GetString());
        var card = attachment.GetProperty("content");
        Assert.Equal("AdaptiveCard", card.GetProperty("type").GetString());
        Assert.Equal("hello", card.GetProperty("body")[0].GetProperty("text").GetString());
    }

    [Theory]
    [InlineData("https://discord.com/api/webhooks/1/abc", ChatFormat.Discord)]
    [InlineData("https://canary.discordapp.com/api/webhooks/1/abc", ChatFormat.Discord)]
    [InlineData("https://hooks.slack.com/services/T/B/x", ChatFormat.Slack)]
    [InlineData("https://example.webhook.office.com/webhookb2/x", ChatFormat.Slack)]
    [InlineData("https://prod-01.westeurope.logic.azure.com/workflows/x/triggers/manual/paths/invoke", ChatFormat.Teams)]
    [InlineData("https://default1.environment.api.powerplatform.com/powerautomate/x", ChatFormat.Teams)]
    [InlineData("https://notdiscord.com/hook", ChatFormat.Slack)]
    public void Guess_ByHost(string url, ChatFormat expected) => Assert.Equal(expected, ChatFormats.Guess(new Uri(url)));
}
