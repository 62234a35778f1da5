using PPipe.Grains.Interfaces.Email;

namespace PPipe.Grains.Email;

[GenerateSerializer, Alias("ppipe.MailTicketState")]
internal sealed class MailTicketState
{
    [Id(0)] public MailTicket? Ticket { get; set; }

    [Id(1)] public bool Used { get; set; }
}
