namespace PPipe.Frontend.Join;

/// <summary>The body that uses a mailed link through the API: its secret, the <c>t</c> value of the link.</summary>
public sealed record LinkRequest(string? Ticket);
