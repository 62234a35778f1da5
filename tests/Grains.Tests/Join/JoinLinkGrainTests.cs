using PPipe.Grains.Interfaces.Join;
using PPipe.Grains.Tests.Infrastructure;
using PPipe.TestSupport;

namespace PPipe.Grains.Tests.Join;

[Collection(ClusterCollection.Name)]
public sealed class JoinLinkGrainTests(ClusterFixture fixture)
{
    private static readonly JoinSettings Anyone = new([], null, null, false);

    [Fact]
    public async Task Open_NewLink_AnUnguessableCodeBoundToTheCohort()
    {
        var (cohortId, grain) = NewLink();

        var link = await grain.OpenAsync(Anyone, 0);

        Assert.True(link.Open);
        Assert.Equal(22, link.Code.Length);
        Assert.Equal(cohortId, await fixture.Client.GetGrain<IJoinCodeGrain>(link.Code).CohortAsync());
    }

    [Fact]
    public async Task Open_AgainWhileOpen_SameCodeNewLimits()
    {
        var (_, grain) = NewLink();
        var first = await grain.OpenAsync(Anyone, 0);

        var second = await grain.OpenAsync(new JoinSettings(["example.edu"], 10, null, false), 0);

        Assert.Equal(first.Code, second.Code);
        Assert.Equal(10, second.Settings.Cap);
    }

    [Fact]
    public async Task Close_ThenOpenAgain_ANewCodeAndTheOldOneUnknown()
    {
        var (_, grain) = NewLink();
        var first = await grain.OpenAsync(Anyone, 0);

        var closed = await grain.CloseAsync();
        var whileClosed = await grain.AdmitAsync(first.Code, "example.org");
        var reopened = await grain.OpenAsync(Anyone, 0);
        var oldCode = await grain.AdmitAsync(first.Code, "example.org");

        Assert.False(closed!.Open);
        Assert.Equal(JoinAdmission.Closed, whileClosed.Admission);
        Assert.NotEqual(first.Code, reopened.Code);
        Assert.Equal(JoinAdmission.UnknownCode, oldCode.Admission);
        Assert.Equal(JoinAdmission.Admitted, (await grain.AdmitAsync(reopened.Code, "example.org")).Admission);
    }

    [Theory]
    [InlineData("example.edu", JoinAdmission.Admitted)]
    [InlineData("cs.example.edu", JoinAdmission.Admitted)]
    [InlineData("notexample.edu", JoinAdmission.DomainNotAllowed)]
    [InlineData("example.edu.evil.org", JoinAdmission.DomainNotAllowed)]
    public async Task Admit_DomainLimit_AdmitsTheDomainAndItsSubdomainsOnly(string domain, JoinAdmission expected)
    {
        var (_, grain) = NewLink();
        var link = await grain.OpenAsync(new JoinSettings(["example.edu"], null, null, false), 0);

        Assert.Equal(expected, (await grain.AdmitAsync(link.Code, domain)).Admission);
    }

    [Fact]
    public async Task Admit_PastTheClosingTime_Closed()
    {
        var (_, grain) = NewLink();
        var link = await grain.OpenAsync(Anyone with { ClosesAt = fixture.Clock.UtcNow.AddSeconds(2) }, 0);
        var before = await grain.AdmitAsync(link.Code, "example.org");

        await fixture.AdvanceAsync(TimeSpan.FromSeconds(2));
        var after = await grain.AdmitAsync(link.Code, "example.org");

        Assert.Equal(JoinAdmission.Admitted, before.Admission);
        Assert.Equal(JoinAdmission.Closed, after.Admission);
    }

    [Fact]
    public async Task TakeSeat_UpToTheCap_ThenFullUntilASeatIsReturned()
    {
        var (_, grain) = NewLink();
        var link = await grain.OpenAsync(Anyone with { Cap = 2 }, 0);

        var seats = new[] { await grain.TakeSeatAsync(link.Code), await grain.TakeSeatAsync(link.Code), await grain.TakeSeatAsync(link.Code) };
        var request = await grain.AdmitAsync(link.Code, "example.org");
        await grain.ReturnSeatAsync();
        var afterReturn = await grain.TakeSeatAsync(link.Code);

        Assert.Equal([JoinAdmission.Admitted, JoinAdmission.Admitted, JoinAdmission.Full], seats);
        Assert.Equal(JoinAdmission.Full, request.Admission);
        Assert.Equal(JoinAdmission.Admitted, afterReturn);
        Assert.Equal(2, (await grain.GetAsync())!.Joined);
    }

    [Fact]
    public async Task Admit_OverTheCohortsRate_TooManyUntilTheMinuteEnds()
    {
        var (_, grain) = NewLink();
        var link = await grain.OpenAsync(Anyone, 0);
        for (var i = 0; i < ClusterFixture.JoinRequestsPerCohortPerMinute; i++)
        {
            Assert.Equal(JoinAdmission.Admitted, (await grain.AdmitAsync(link.Code, "example.org")).Admission);
        }

        var refused = await grain.AdmitAsync(link.Code, "example.org");
        await fixture.AdvanceAsync(refused.RetryAfter);
        var later = await grain.AdmitAsync(link.Code, "example.org");

        Assert.Equal(JoinAdmission.TooManyRequests, refused.Admission);
        Assert.InRange(refused.RetryAfter, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        Assert.Equal(JoinAdmission.Admitted, later.Admission);
    }

    private (string CohortId, IJoinLinkGrain Grain) NewLink()
    {
        var cohortId = TestCohorts.NewId("c-");
        return (cohortId, fixture.Client.GetGrain<IJoinLinkGrain>(cohortId));
    }
}
