namespace PPipe.Frontend.Notifications;

/// <summary>Whether mail is on, and the address it goes to (the roster's).</summary>
public sealed record EmailChannel(bool Enabled, string Address);
