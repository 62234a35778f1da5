using PPipe.Grains.Email;
using PPipe.Grains.Interfaces.Email;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Grains.Interfaces.Join;
using PPipe.Grains.Interfaces.Roster;
using PPipe.Grains.Tests.Infrastructure;
using PPipe.TestSupport;

namespace PPipe.Grains.Tests.Email;

[Collection(ClusterCollection.Name)]
public sealed class StudentEmailGrainTests(ClusterFixture fixture)
{
    private static string NewAddress() => $"{Guid.NewGuid():N}@example.org";

    [Fact]
    public async Task AddEnrollment_SameTwice_ListedOnceNewestFirst()
    {
        var address = fixture.Client.GetGrain<IStudentEmailGrain>(NewAddress());
        var first = new EnrollmentKey("c-000000000001", "ada");
        var second = new EnrollmentKey("c-000000000002", "ada");

        await address.AddEnrollmentAsync(first);
        await address.AddEnrollmentAsync(second);
        await address.AddEnrollmentAsync(first);

        Assert.Equal([second, first], await address.EnrollmentsAsync());
    }

    [Fact]
    public async Task AddEnrollment_ManyRostersAtOnce_EveryCallSucceedsAndEveryEnrollmentIsListed()
    {
        // Rosters of several cohorts naming the same address index it at the same moment.
        var address = fixture.Client.GetGrain<IStudentEmailGrain>(NewAddress());
        var keys = Enumerable.Range(0, 24).Select(i => new EnrollmentKey($"c-{i:000000000000}", "ada")).ToList();

        await Task.WhenAll(keys.Select(key => address.AddEnrollmentAsync(key)));

        Assert.Equal(keys.Select(k => k.ToString()).Order(StringComparer.Ordinal), (await address.EnrollmentsAsync()).Select(k => k.ToString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AddEnrollment_OverTheBound_KeepsTheNewest()
    {
        var address = fixture.Client.GetGrain<IStudentEmailGrain>(NewAddress());
        var keys = Enumerable.Range(0, IStudentEmailGrain.MaxEnrollments + 3).Select(i => new EnrollmentKey($"c-{i:000000000000}", "s")).ToList();

        foreach (var key in keys)
        {
            await address.AddEnrollmentAsync(key);
        }

        var listed = await address.EnrollmentsAsync();
        Assert.Equal(IStudentEmailGrain.MaxEnrollments, listed.Length);
        Assert.Equal(keys[^1], listed[0]);
        Assert.DoesNotContain(keys[2], listed);
        Assert.Contains(keys[3], listed);
    }

    [Fact]
    public async Task RequestMail_SignInForAnAddressWithNoEnrollment_AcceptedAndNothingSent()
    {
        var unknown = NewAddress();
        var known = NewAddress();
        await fixture.Client.GetGrain<IStudentEmailGrain>(known).AddEnrollmentAsync(new EnrollmentKey("c-000000000003", "grace"));

        var unknownAnswer = await fixture.Client.GetGrain<IStudentEmailGrain>(unknown).RequestMailAsync(new StudentMailRequest(StudentMailKind.SignIn, ""));
        var knownAnswer = await fixture.Client.GetGrain<IStudentEmailGrain>(known).RequestMailAsync(new StudentMailRequest(StudentMailKind.SignIn, ""));

        Assert.Equal(knownAnswer, unknownAnswer);
        var mail = Assert.Single(await fixture.Mail.WaitForAsync(known, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal("Your P-PIPE sign-in link", mail.Subject);
        Assert.True(mail.Transactional);
        Assert.Null(mail.UnsubscribeUrl);
        Assert.StartsWith("https://ppipe.test/signin/link?t=", mail.TextBody[mail.TextBody.IndexOf("https://", StringComparison.Ordinal)..], StringComparison.Ordinal);
        Assert.Empty(fixture.Mail.To(unknown));
    }

    [Fact]
    public async Task RequestMail_OverTheAddressAllowance_RefusedUntilTheWindowPasses()
    {
        var address = fixture.Client.GetGrain<IStudentEmailGrain>(NewAddress());
        var allowance = new StudentMailOptions().RequestsPerAddress;
        for (var i = 0; i < allowance; i++)
        {
            Assert.True((await address.RequestMailAsync(new StudentMailRequest(StudentMailKind.SignIn, ""))).Accepted);
        }

        await fixture.AdvanceAsync(TimeSpan.FromSeconds(10));
        var refused = await address.RequestMailAsync(new StudentMailRequest(StudentMailKind.TokenRecovery, ""));
        await fixture.AdvanceAsync(ClusterFixture.MailAddressWindow - TimeSpan.FromSeconds(10));
        var later = await address.RequestMailAsync(new StudentMailRequest(StudentMailKind.SignIn, ""));

        Assert.False(refused.Accepted);
        Assert.Equal(ClusterFixture.MailAddressWindow - TimeSpan.FromSeconds(10), refused.RetryAfter);
        Assert.True(later.Accepted);
    }

    [Fact]
    public async Task RequestMail_JoinFromAnAddressAlreadyInTheCohort_SignInLinkInsteadOfAConfirmation()
    {
        var address = NewAddress();
        await fixture.Client.GetGrain<IStudentEmailGrain>(address).AddEnrollmentAsync(new EnrollmentKey("c-000000000004", "ada"));

        await fixture.Client.GetGrain<IStudentEmailGrain>(address)
            .RequestMailAsync(new StudentMailRequest(StudentMailKind.Join, "Ada", "c-000000000004", "code", Allowlist: false));

        var mail = Assert.Single(await fixture.Mail.WaitForAsync(address, cancellationToken: TestContext.Current.CancellationToken));
        Assert.StartsWith("You are already in", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("https://ppipe.test/signin/link?t=", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("join/confirm", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestMail_JoinWithAnAllowlistThatLacksTheAddress_ToldSoWithNoLink()
    {
        var cohortId = TestCohorts.NewId("c-");
        var listed = NewAddress();
        var stranger = NewAddress();
        await fixture.Client.GetGrain<IJoinAllowlistGrain>(JoinAllowlists.KeyOf(cohortId, JoinAllowlists.PageOf(listed)))
            .ReplaceAsync([new RosterRow("s-17", "Listed Student", listed)]);

        await fixture.Client.GetGrain<IStudentEmailGrain>(stranger)
            .RequestMailAsync(new StudentMailRequest(StudentMailKind.Join, "Stranger", cohortId, "code", Allowlist: true));
        await fixture.Client.GetGrain<IStudentEmailGrain>(listed)
            .RequestMailAsync(new StudentMailRequest(StudentMailKind.Join, "Whatever Name", cohortId, "code", Allowlist: true));

        var refusal = Assert.Single(await fixture.Mail.WaitForAsync(stranger, cancellationToken: TestContext.Current.CancellationToken));
        Assert.StartsWith("This address cannot join", refusal.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", refusal.TextBody, StringComparison.Ordinal);
        var confirmation = Assert.Single(await fixture.Mail.WaitForAsync(listed, cancellationToken: TestContext.Current.CancellationToken));
        Assert.StartsWith("Hello Listed Student,", confirmation.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://ppipe.test/join/confirm?t=", confirmation.TextBody, StringComparison.Ordinal);
    }
}
