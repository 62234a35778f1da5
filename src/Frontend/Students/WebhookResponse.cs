namespace PPipe.Frontend.Students;

/// <summary><c>PUT /api/v1/webhook</c>: the URL registered and the secret its notifications are signed with.</summary>
public sealed record WebhookResponse(string Url, string Secret);
