using PPipe.Grains.Interfaces.Email;

namespace PPipe.Grains.Email;

/// <summary>
/// One one-time link. A link is looked at once or twice in its life, so the activation leaves memory after each call; the
/// stored ticket stays (a few hundred bytes) so that a link used or expired is told apart from one that never existed.
/// </summary>
internal sealed class MailTicketGrain(
    [PersistentState("mail-ticket", StorageNames.Default)] IPersistentState<MailTicketState> state,
    TimeProvider time) : Grain, IMailTicketGrain
{
    public async Task<bool> IssueAsync(MailTicket ticket)
    {
        DeactivateOnIdle();
        if (state.State.Ticket is not null)
        {
            return false;
        }

        state.State.Ticket = ticket;
        await this.WriteOrDeactivateAsync(state);
        return true;
    }

    public Task<TicketRedemption> PeekAsync(MailTicketKind kind)
    {
        DeactivateOnIdle();
        return Task.FromResult(new TicketRedemption(StatusFor(kind), state.State.Ticket is { } t && t.Kind == kind ? t : null));
    }

    public async Task<TicketRedemption> RedeemAsync(MailTicketKind kind)
    {
        DeactivateOnIdle();
        var status = StatusFor(kind);
        if (status != TicketStatus.Valid)
        {
            return new TicketRedemption(status, null);
        }

        state.State.Used = true;
        await this.WriteOrDeactivateAsync(state);
        return new TicketRedemption(TicketStatus.Valid, state.State.Ticket);
    }

    public async Task ReleaseAsync()
    {
        DeactivateOnIdle();
        if (state.State.Used)
        {
            state.State.Used = false;
            await this.WriteOrDeactivateAsync(state);
        }
    }

    private TicketStatus StatusFor(MailTicketKind kind) => state.State switch
    {
        { Ticket: null } => TicketStatus.Unknown,
        { Ticket: { } ticket } when ticket.Kind != kind => TicketStatus.Unknown,
        { Used: true } => TicketStatus.Used,
        { Ticket: { } ticket } when time.GetUtcNow() >= ticket.ExpiresAt => TicketStatus.Expired,
        _ => TicketStatus.Valid,
    };
}
