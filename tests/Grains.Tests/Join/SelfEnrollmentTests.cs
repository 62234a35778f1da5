using PPipe.Grains.Client.Email;
using PPipe.Grains.Client.Join;
using PPipe.Grains.Client.Roster;
using PPipe.Grains.Interfaces.Cohorts;
using PPipe.Grains.Interfaces.Credentials;
using PPipe.Grains.Interfaces.Email;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Grains.Interfaces.Join;
using PPipe.Grains.Interfaces.Roster;
using PPipe.Grains.Tests.Infrastructure;
using PPipe.TestSupport;

namespace PPipe.Grains.Tests.Join;

/// <summary>Joining through the grains as the front end does it: request, mail, confirmation, and the mailed sign-in and token links.</summary>
[Collection(ClusterCollection.Name)]
public sealed class SelfEnrollmentTests(ClusterFixture fixture)
{
    private static readonly JoinSettings Anyone = new([], null, null, false);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private SelfEnrollment Joins => new(fixture.Client, new RosterEnrollment(fixture.Client), fixture.Clock.Time);

    private MailedLinks Links => new(fixture.Client, new RosterEnrollment(fixture.Client));

    [Fact]
    public async Task Confirm_AfterAJoinRequest_EnrollsOnceUnderTheDerivedIdWithAWorkingToken()
    {
        var (cohortId, link) = await OpenAsync(Anyone);
        var address = NewAddress();

        var request = await Joins.RequestAsync(link.Code, "Ada Lovelace", address.ToUpperInvariant());
        var secret = await ConfirmationSecretAsync(address);
        var joined = await Joins.ConfirmAsync(secret);
        var again = await Joins.ConfirmAsync(secret);

        Assert.Equal(JoinRequestStatus.Accepted, request.Status);
        Assert.Equal(LinkOutcome.Done, joined.Outcome);
        var key = (await fixture.Client.GetGrain<ICohortGrain>(cohortId).GetRosterKeyAsync()).ToArray();
        Assert.Equal(SelfEnrolledStudent.IdFor(key, address), joined.StudentId);
        Assert.Equal(new EnrollmentKey(cohortId, joined.StudentId!), await fixture.Client.GetGrain<ICredentialGrain>(StudentToken.KeyOf(joined.Token!)).ResolveAsync());
        Assert.Equal([new EnrollmentKey(cohortId, joined.StudentId!)], await fixture.Client.GetGrain<IStudentEmailGrain>(address).EnrollmentsAsync());
        var entry = Assert.Single(await RosterAsync(cohortId));
        Assert.Equal(("Ada Lovelace", address), (entry.Name, entry.Email));
        Assert.Equal(LinkOutcome.Used, again.Outcome);
        Assert.Equal(1, (await fixture.Client.GetGrain<IJoinLinkGrain>(cohortId).GetAsync())!.Joined);
    }

    [Fact]
    public async Task Confirm_TwoConfirmationsOfOneAddress_TheSecondFindsItEnrolled()
    {
        var (cohortId, link) = await OpenAsync(Anyone);
        var address = NewAddress();
        await Joins.RequestAsync(link.Code, "Grace", address);
        await Joins.RequestAsync(link.Code, "Grace H.", address);
        var mails = await fixture.Mail.WaitForAsync(address, 2, Ct);

        var first = await Joins.ConfirmAsync(RecordingMailTransport.SecretIn(mails[0], "join/confirm"));
        var second = await Joins.ConfirmAsync(RecordingMailTransport.SecretIn(mails[1], "join/confirm"));

        Assert.Equal(LinkOutcome.Done, first.Outcome);
        Assert.Equal(LinkOutcome.AlreadyEnrolled, second.Outcome);
        Assert.Single(await RosterAsync(cohortId));
        Assert.Equal(1, (await fixture.Client.GetGrain<IJoinLinkGrain>(cohortId).GetAsync())!.Joined);
    }

    [Fact]
    public async Task Confirm_AllowlistedAddress_EnrolledUnderTheListedIdAndName()
    {
        var cohortId = await NewCohortAsync();
        var address = NewAddress();
        var link = await Joins.OpenAsync(cohortId, Anyone, [new RosterRow("s-042", "Listed Name", address)]);

        await Joins.RequestAsync(link.Code, "Typed Name", address);
        var joined = await Joins.ConfirmAsync(await ConfirmationSecretAsync(address));

        Assert.Equal(("s-042", LinkOutcome.Done), (joined.StudentId, joined.Outcome));
        Assert.Equal("Listed Name", Assert.Single(await RosterAsync(cohortId)).Name);
        Assert.True(link.Settings.Allowlist);
        Assert.Equal(1, link.AllowlistSize);
    }

    [Fact]
    public async Task Confirm_CapReachedSinceTheMail_FullAndNobodyEnrolled()
    {
        var (cohortId, link) = await OpenAsync(Anyone with { Cap = 1 });
        var first = NewAddress();
        var second = NewAddress();
        await Joins.RequestAsync(link.Code, "First", first);
        await Joins.RequestAsync(link.Code, "Second", second);
        var firstSecret = await ConfirmationSecretAsync(first);
        var secondSecret = await ConfirmationSecretAsync(second);

        await Joins.ConfirmAsync(firstSecret);
        var refused = await Joins.ConfirmAsync(secondSecret);
        var request = await Joins.RequestAsync(link.Code, "Third", NewAddress());

        Assert.Equal(LinkOutcome.Full, refused.Outcome);
        Assert.Null(refused.Token);
        Assert.Single(await RosterAsync(cohortId));
        Assert.Equal(JoinRequestStatus.Full, request.Status);
    }

    [Fact]
    public async Task Confirm_LinkClosedSinceTheMail_ClosedAndNobodyEnrolled()
    {
        var (cohortId, link) = await OpenAsync(Anyone);
        var address = NewAddress();
        await Joins.RequestAsync(link.Code, "Late", address);
        var secret = await ConfirmationSecretAsync(address);

        await Joins.CloseAsync(cohortId);
        var refused = await Joins.ConfirmAsync(secret);

        Assert.Equal(LinkOutcome.Closed, refused.Outcome);
        Assert.Empty(await RosterAsync(cohortId));
    }

    [Fact]
    public async Task Request_RosterStudentAsksToJoin_GetsASignInLinkThatSignsThemIn()
    {
        var cohortId = await NewCohortAsync();
        var address = NewAddress();
        var outcomes = await new RosterEnrollment(fixture.Client).EnrollAsync(cohortId, [new NumberedRosterRow(1, new RosterRow("s-001", "Roster Student", address))]);
        var link = await Joins.OpenAsync(cohortId, Anyone, null);

        await Joins.RequestAsync(link.Code, "Roster Student", address);
        var mail = Assert.Single(await fixture.Mail.WaitForAsync(address, cancellationToken: Ct));
        var signIn = await Links.SignInAsync(RecordingMailTransport.SecretIn(mail, "signin/link"));

        Assert.Equal(LinkOutcome.Done, signIn.Outcome);
        Assert.Equal(new EnrollmentKey(cohortId, "s-001"), signIn.Enrollment);
        Assert.Equal(StudentToken.KeyOf(outcomes!.Value[0].Token!), signIn.CredentialKey);
    }

    [Fact]
    public async Task Recover_MailedLink_NewTokenOnceAndTheOldOneRevoked()
    {
        var cohortId = await NewCohortAsync();
        var address = NewAddress();
        var outcomes = await new RosterEnrollment(fixture.Client).EnrollAsync(cohortId, [new NumberedRosterRow(1, new RosterRow("s-002", "Lost Token", address))]);
        var oldToken = outcomes!.Value[0].Token!;

        await Links.RequestRecoveryAsync(address);
        var secret = RecordingMailTransport.SecretIn(Assert.Single(await fixture.Mail.WaitForAsync(address, cancellationToken: Ct)), "token/recover");
        var recovered = await Links.RecoverAsync(secret);
        var replay = await Links.RecoverAsync(secret);

        Assert.Equal(LinkOutcome.Done, recovered.Outcome);
        Assert.NotEqual(oldToken, recovered.Token);
        Assert.Equal(new EnrollmentKey(cohortId, "s-002"), await fixture.Client.GetGrain<ICredentialGrain>(StudentToken.KeyOf(recovered.Token!)).ResolveAsync());
        Assert.Null(await fixture.Client.GetGrain<ICredentialGrain>(StudentToken.KeyOf(oldToken)).ResolveAsync());
        Assert.Equal(LinkOutcome.Used, replay.Outcome);
    }

    [Fact]
    public async Task SignIn_AfterTheTokenWasReissued_SignsInUnderTheNewToken()
    {
        var cohortId = await NewCohortAsync();
        var address = NewAddress();
        var roster = new RosterEnrollment(fixture.Client);
        await roster.EnrollAsync(cohortId, [new NumberedRosterRow(1, new RosterRow("s-003", "Reissued", address))]);
        var newToken = await roster.ReissueTokenAsync(cohortId, "s-003");

        await Links.RequestSignInAsync(address);
        var signIn = await Links.SignInAsync(RecordingMailTransport.SecretIn(Assert.Single(await fixture.Mail.WaitForAsync(address, cancellationToken: Ct)), "signin/link"));

        Assert.Equal(StudentToken.KeyOf(newToken!), signIn.CredentialKey);
    }

    [Fact]
    public async Task Page_OpenClosedAndUnknownCodes_AsTheLinkStands()
    {
        var (cohortId, link) = await OpenAsync(Anyone);

        var open = await Joins.PageAsync(link.Code);
        await Joins.CloseAsync(cohortId);
        var closed = await Joins.PageAsync(link.Code);

        Assert.Equal(("Join tests", JoinAdmission.Admitted), (open!.CohortName, open.State));
        Assert.Equal(JoinAdmission.Closed, closed!.State);
        Assert.Null(await Joins.PageAsync("AAAAAAAAAAAAAAAAAAAAAA"));
        Assert.Null(await Joins.PageAsync("../../etc"));
    }

    private async Task<string> ConfirmationSecretAsync(string address) =>
        RecordingMailTransport.SecretIn(Assert.Single(await fixture.Mail.WaitForAsync(address, cancellationToken: Ct)), "join/confirm");

    private async Task<(string CohortId, JoinLink Link)> OpenAsync(JoinSettings settings)
    {
        var cohortId = await NewCohortAsync();
        return (cohortId, await Joins.OpenAsync(cohortId, settings, null));
    }

    private async Task<string> NewCohortAsync() =>
        (await TestCohorts.CreateAsync(fixture.Client, "taxi-fares", fixture.Clock.UtcNow, 1, [], "Join tests")).CohortId;

    private async Task<List<RosterEntry>> RosterAsync(string cohortId)
    {
        List<RosterEntry> entries = [];
        for (var page = 0; page < RosterPages.Count; page++)
        {
            entries.AddRange(await fixture.Client.GetGrain<IRosterPageGrain>(RosterPages.KeyOf(cohortId, page)).ListAsync());
        }

        return entries;
    }

    private static string NewAddress() => $"{Guid.NewGuid():N}@example.org";
}
