namespace PPipe.Frontend.Notifications;

/// <summary>
/// The body of <c>PUT /api/v1/notifications</c>: <c>{"email": true, "chat": {"url": "https://...", "format": "slack"}, "kinds": [...]}</c>.
/// <c>email</c> and <c>kinds</c> are required; <c>chat</c> null or absent means no chat; its <c>format</c> is guessed from
/// the URL's host when absent. Every problem is reported together (422).
/// </summary>
public sealed record NotificationSettingsRequest(bool? Email, ChatRequest? Chat, IReadOnlyList<string?>? Kinds);

/// <summary>A chat webhook as a student gives it.</summary>
public sealed record ChatRequest(string? Url, string? Format);
