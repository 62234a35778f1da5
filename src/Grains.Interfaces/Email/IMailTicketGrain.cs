namespace PPipe.Grains.Interfaces.Email;

/// <summary>
/// One one-time link sent by mail, keyed by <see cref="MailTickets.KeyOf"/> of its secret (a hash: the secret is only in
/// the mail). Redeeming marks it used before answering, so of two requests with the same link only one succeeds.
/// </summary>
[Alias("ppipe.IMailTicketGrain")]
public interface IMailTicketGrain : IGrainWithStringKey
{
    /// <summary>Records what the link stands for; false when this key already has a ticket (a secret drawn twice).</summary>
    [Alias("Issue")]
    Task<bool> IssueAsync(MailTicket ticket);

    /// <summary>The link's status and ticket without using it (a page shows what the link is for before the person confirms).</summary>
    [Alias("Peek")]
    Task<TicketRedemption> PeekAsync(MailTicketKind kind);

    /// <summary>Uses the link: <see cref="TicketStatus.Valid"/> with its ticket once, and never again.</summary>
    [Alias("Redeem")]
    Task<TicketRedemption> RedeemAsync(MailTicketKind kind);

    /// <summary>Makes a redeemed link usable again, for when what it was redeemed for failed and nothing was done.</summary>
    [Alias("Release")]
    Task ReleaseAsync();
}
