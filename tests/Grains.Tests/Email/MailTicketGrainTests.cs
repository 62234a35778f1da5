using PPipe.Grains.Interfaces.Email;
using PPipe.Grains.Tests.Infrastructure;

namespace PPipe.Grains.Tests.Email;

[Collection(ClusterCollection.Name)]
public sealed class MailTicketGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Redeem_ValidTicket_ValidOnceThenUsed()
    {
        var (grain, ticket) = await IssueAsync(TimeSpan.FromMinutes(15));

        var first = await grain.RedeemAsync(MailTicketKind.SignIn);
        var again = await grain.RedeemAsync(MailTicketKind.SignIn);

        Assert.Equal(TicketStatus.Valid, first.Status);
        Assert.Equal(ticket, first.Ticket);
        Assert.Equal(TicketStatus.Used, again.Status);
        Assert.Null(again.Ticket);
    }

    [Fact]
    public async Task Redeem_TwoAtOnce_ExactlyOneValid()
    {
        var (grain, _) = await IssueAsync(TimeSpan.FromMinutes(15));

        var both = await Task.WhenAll(grain.RedeemAsync(MailTicketKind.SignIn), grain.RedeemAsync(MailTicketKind.SignIn));

        Assert.Equal([TicketStatus.Valid, TicketStatus.Used], both.Select(r => r.Status).Order());
    }

    [Fact]
    public async Task Redeem_PastItsExpiry_Expired()
    {
        var (grain, _) = await IssueAsync(TimeSpan.FromSeconds(2));

        await fixture.AdvanceAsync(TimeSpan.FromSeconds(3));
        var redemption = await grain.RedeemAsync(MailTicketKind.SignIn);

        Assert.Equal(TicketStatus.Expired, redemption.Status);
    }

    [Fact]
    public async Task Redeem_AsAnotherKind_UnknownAndStillValidForItsOwn()
    {
        var (grain, _) = await IssueAsync(TimeSpan.FromMinutes(15));

        var wrong = await grain.RedeemAsync(MailTicketKind.TokenRecovery);
        var right = await grain.RedeemAsync(MailTicketKind.SignIn);

        Assert.Equal(TicketStatus.Unknown, wrong.Status);
        Assert.Equal(TicketStatus.Valid, right.Status);
    }

    [Fact]
    public async Task Redeem_NeverIssued_Unknown()
    {
        var grain = fixture.Client.GetGrain<IMailTicketGrain>(MailTickets.KeyOf(MailTickets.NewSecret()));

        Assert.Equal(TicketStatus.Unknown, (await grain.RedeemAsync(MailTicketKind.SignIn)).Status);
    }

    [Fact]
    public async Task Release_AfterRedeem_ValidAgainOnce()
    {
        var (grain, _) = await IssueAsync(TimeSpan.FromMinutes(15));
        await grain.RedeemAsync(MailTicketKind.SignIn);

        await grain.ReleaseAsync();

        Assert.Equal(TicketStatus.Valid, (await grain.PeekAsync(MailTicketKind.SignIn)).Status);
        Assert.Equal(TicketStatus.Valid, (await grain.RedeemAsync(MailTicketKind.SignIn)).Status);
        Assert.Equal(TicketStatus.Used, (await grain.RedeemAsync(MailTicketKind.SignIn)).Status);
    }

    [Fact]
    public async Task Issue_KeyAlreadyIssued_RefusedAndTheFirstTicketStays()
    {
        var (grain, ticket) = await IssueAsync(TimeSpan.FromMinutes(15));

        var second = await grain.IssueAsync(ticket with { Address = "mallory@example.org" });

        Assert.False(second);
        Assert.Equal(ticket, (await grain.PeekAsync(MailTicketKind.SignIn)).Ticket);
    }

    private async Task<(IMailTicketGrain Grain, MailTicket Ticket)> IssueAsync(TimeSpan lifetime)
    {
        var grain = fixture.Client.GetGrain<IMailTicketGrain>(MailTickets.KeyOf(MailTickets.NewSecret()));
        var ticket = new MailTicket(MailTicketKind.SignIn, "ada@example.org", "c-0123456789ab", "ada", "Ada", null, fixture.Clock.UtcNow + lifetime);
        Assert.True(await grain.IssueAsync(ticket));
        return (grain, ticket);
    }
}
