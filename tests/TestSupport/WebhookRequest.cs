using System.Text.Json;

namespace PPipe.TestSupport;

/// <summary>One request as a <see cref="WebhookReceiver"/> got it: its place in the order of arrival (from 1), body, signature header and content type.</summary>
public sealed record WebhookRequest(int Number, byte[] Body, string Signature, string? ContentType)
{
    public const string SignatureHeader = "X-PPipe-Signature";

    /// <summary>The body as JSON.</summary>
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    /// <summary>The release a P-PIPE notification is about.</summary>
    public int Seq => Json.GetProperty("release").GetProperty("seq").GetInt32();

    /// <summary>When the platform sent the notification, as it wrote it.</summary>
    public DateTimeOffset SentAt => Json.GetProperty("sentAt").GetDateTimeOffset();
}
