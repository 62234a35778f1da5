using PPipe.Grains.Interfaces.Notifications;

namespace PPipe.Frontend.Notifications;

/// <summary>The chat webhook and the JSON it is sent (<c>slack</c>, <c>discord</c> or <c>teams</c>).</summary>
public sealed record ChatChannel(string Url, ChatFormat Format);
