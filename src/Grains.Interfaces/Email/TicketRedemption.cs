namespace PPipe.Grains.Interfaces.Email;

/// <summary>A one-time link's status and, when it was valid, what it stands for.</summary>
[GenerateSerializer, Immutable, Alias("ppipe.TicketRedemption")]
public sealed record TicketRedemption(TicketStatus Status, MailTicket? Ticket);
