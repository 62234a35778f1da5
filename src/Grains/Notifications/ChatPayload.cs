using System.Text.Json;
using System.Text.Json.Nodes;
using PPipe.Grains.Interfaces.Notifications;

namespace PPipe.Grains.Notifications;

/// <summary>
/// The JSON body a chat webhook is posted, by format: <c>{"text": ...}</c> (Slack and the others that read it, at most
/// <see cref="TextLimit"/> characters), <c>{"content": ..., "allowed_mentions": {"parse": []}}</c> (Discord, at most
/// <see cref="DiscordLimit"/>; an announcement cannot ping anyone), or a Teams message with one Adaptive Card holding the
/// text. Longer texts are cut with an ellipsis.
/// </summary>
internal static class ChatPayload
{
    /// <summary>Discord refuses content over 2,000 characters.</summary>
    public const int DiscordLimit = 2_000;

    /// <summary>Slack reads up to 40,000 characters of <c>text</c> but recommends 4,000; the same cap serves Teams.</summary>
    public const int TextLimit = 4_000;

    public static byte[] Body(ChatFormat format, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        JsonObject body = format switch
        {
            ChatFormat.Discord => new JsonObject
            {
                ["content"] = Cut(text, DiscordLimit),
                ["allowed_mentions"] = new JsonObject { ["parse"] = new JsonArray() },
            },
            ChatFormat.Teams => new JsonObject
            {
                ["type"] = "message",
                ["attachments"] = new JsonArray(new JsonObject
                {
                    ["contentType"] = "application/vnd.microsoft.card.adaptive",
                    ["content"] = new JsonObject
                    {
                        ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
                        ["type"] = "AdaptiveCard",
                        ["version"] = "1.4",
                        ["body"] = new JsonArray(new JsonObject { ["type"] = "TextBlock", ["text"] = Cut(text, TextLimit), ["wrap"] = true }),
                    },
                }),
            },
            _ => new JsonObject { ["text"] = Cut(text, TextLimit) },
        };
        return JsonSerializer.SerializeToUtf8Bytes(body);
    }

    private static string Cut(string text, int limit) => text.Length <= limit ? text : text[..(limit - 1)] + "…";
}
