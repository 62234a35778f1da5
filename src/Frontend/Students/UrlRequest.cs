namespace PPipe.Frontend.Students;

/// <summary>The body of <c>PUT /api/v1/endpoint</c> and <c>PUT /api/v1/webhook</c>: <c>{"url": "https://..."}</c>.</summary>
public sealed record UrlRequest(string? Url);
