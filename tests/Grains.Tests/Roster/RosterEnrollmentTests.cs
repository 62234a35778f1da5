using System.Collections.Immutable;
using PPipe.Grains.Client.Roster;
using PPipe.Grains.Interfaces.Credentials;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Grains.Interfaces.Roster;
using static PPipe.Grains.Tests.Roster.RosterTestCohorts;

namespace PPipe.Grains.Tests.Roster;

/// <summary>
/// Roster uploads as an instructor sees them: all or nothing, the same roster again changes nothing and returns the same
/// tokens, a token can be re-issued (the old one stops working), and an upload that failed part way is completed by
/// sending it again, with tokens the instructor can use.
/// </summary>
[Collection(RosterClusterCollection.Name)]
public sealed class RosterEnrollmentTests(RosterClusterFixture fixture)
{
    private RosterEnrollment Roster => new(fixture.Client);

    [Fact]
    public async Task Enroll_SameRosterTwice_SameStudentsSameTokensAndTheSecondMarkedAlreadyEnrolled()
    {
        var (cohort, cohortId) = await CreateAsync(fixture.Client, fixture.Clock.GetUtcNow().AddDays(1));
        var rows = Rows("ada", "bob", "cy");

        var first = (await Roster.EnrollAsync(cohortId, rows))!.Value;
        var second = (await Roster.EnrollAsync(cohortId, rows))!.Value;

        Assert.All(first, o => Assert.False(o.AlreadyEnrolled));
        Assert.All(second, o => Assert.True(o.AlreadyEnrolled));
        Assert.Equal(first.Select(o => (o.Row, o.StudentId, o.Token)), second.Select(o => (o.Row, o.StudentId, o.Token)));
        Assert.Equal(3, (await cohort.GetAsync())!.Enrolled);
        foreach (var outcome in second)
        {
            Assert.Equal(new EnrollmentKey(cohortId, outcome.StudentId), await ResolveAsync(outcome.Token!));
        }
    }

    [Fact]
    public async Task Enroll_OneRowConflictsWithAnEnrolledStudent_NobodyEnrolledAndOnlyTheConflictReturned()
    {
        var (cohort, cohortId) = await CreateAsync(fixture.Client, fixture.Clock.GetUtcNow().AddDays(1), "ada");
        ImmutableArray<NumberedRosterRow> rows =
        [
            new(1, Row("bob")),
            new(2, new RosterRow("ada", "Somebody Else", "else@example.org")),
            new(3, Row("cy")),
        ];

        var outcomes = (await Roster.EnrollAsync(cohortId, rows))!.Value;

        var refused = Assert.Single(outcomes);
        Assert.Equal((2, "ada", (string?)null), (refused.Row, refused.StudentId, refused.Token));
        Assert.Contains("already enrolled as ADA", refused.Error);
        Assert.Equal(1, (await cohort.GetAsync())!.Enrolled);
        Assert.Null(await Enrollment(fixture.Client, cohortId, "bob").GetAsync());
    }

    [Fact]
    public async Task Enroll_StudentListedTwice_RefusedWithBothRowsNamed()
    {
        var (cohort, cohortId) = await CreateAsync(fixture.Client, fixture.Clock.GetUtcNow().AddDays(1));

        var outcomes = (await Roster.EnrollAsync(cohortId, [new(1, Row("dan")), new(2, Row("eve")), new(3, Row("dan"))]))!.Value;

        var refused = Assert.Single(outcomes);
        Assert.Equal(3, refused.Row);
        Assert.Contains("more than once", refused.Error);
        Assert.Equal(0, (await cohort.GetAsync())!.Enrolled);
    }

    [Fact]
    public async Task Enroll_AfterAnUploadFailedBeforeItsPageWasWritten_SendingItAgainCompletesWithWorkingTokens()
    {
        var now = fixture.Clock.GetUtcNow();
        var (cohort, cohortId) = await CreateAsync(fixture.Client, now.AddDays(1));
        // What a failed upload leaves: the enrollment and its credential exist under the derived token, the page never recorded it.
        var key = await cohort.GetRosterKeyAsync();
        var orphanToken = StudentToken.Derive(key.AsSpan(), "fay", 1);
        var enrollmentKey = new EnrollmentKey(cohortId, "fay");
        Assert.True(await fixture.Client.GetGrain<ICredentialGrain>(StudentToken.KeyOf(orphanToken)).BindAsync(enrollmentKey));
        await Enrollment(fixture.Client, cohortId, "fay").InitializeAsync(new EnrollmentInit((await cohort.GetAsync())!, Row("fay"), StudentToken.KeyOf(orphanToken), now));
        var bucketBefore = (await Enrollment(fixture.Client, cohortId, "fay").GetAsync())!.Bucket;

        var outcome = Assert.Single((await Roster.EnrollAsync(cohortId, [new(1, Row("fay"))]))!.Value);

        Assert.Equal(orphanToken, outcome.Token);
        Assert.Equal(enrollmentKey, await ResolveAsync(outcome.Token!));
        Assert.Equal(bucketBefore, (await Enrollment(fixture.Client, cohortId, "fay").GetAsync())!.Bucket);
        Assert.Equal(1, (await cohort.GetAsync())!.Enrolled);
    }

    [Fact]
    public async Task ReissueToken_EnrolledStudent_NewTokenWorksOldOneRevokedAndTheRosterAgainReturnsTheNewOne()
    {
        var (_, cohortId) = await CreateAsync(fixture.Client, fixture.Clock.GetUtcNow().AddDays(1));
        var original = Assert.Single((await Roster.EnrollAsync(cohortId, [new(1, Row("gus"))]))!.Value).Token!;

        var reissued = await Roster.ReissueTokenAsync(cohortId, "gus");
        var again = Assert.Single((await Roster.EnrollAsync(cohortId, [new(1, Row("gus"))]))!.Value);

        Assert.NotNull(reissued);
        Assert.NotEqual(original, reissued);
        Assert.Null(await ResolveAsync(original));
        Assert.Equal(new EnrollmentKey(cohortId, "gus"), await ResolveAsync(reissued));
        Assert.Equal(reissued, again.Token);
    }

    [Fact]
    public async Task Enroll_MoreRowsOnOnePageThanOneCallTakes_EveryoneEnrolledWithTheirTokenInRosterOrder()
    {
        var (cohort, cohortId) = await CreateAsync(fixture.Client, fixture.Clock.GetUtcNow().AddDays(1));
        var samePage = Enumerable.Range(0, 10_000).Select(i => $"p{i}").Where(id => RosterPages.PageOf(id) == 7)
            .Take(RosterEnrollment.RowsPerCall + 9).ToArray();

        var outcomes = (await Roster.EnrollAsync(cohortId, Rows(samePage)))!.Value;
        var again = (await Roster.EnrollAsync(cohortId, Rows(samePage)))!.Value;

        Assert.Equal(samePage, outcomes.Select(o => o.StudentId));
        Assert.Equal(Enumerable.Range(1, samePage.Length), outcomes.Select(o => o.Row));
        Assert.All(outcomes, o => Assert.True(o.Token is not null && !o.AlreadyEnrolled));
        Assert.Equal(outcomes.Select(o => o.Token), again.Select(o => o.Token));
        Assert.Equal(samePage.Length, (await cohort.GetAsync())!.Enrolled);
        Assert.Equal(samePage.Length, (await PageOf(fixture.Client, cohortId, samePage[0]).ListAsync()).Length);
    }

    [Fact]
    public async Task Enroll_RosterOnEveryPage_OnlyPagesAtOnceEnrollAtATimeAndEveryoneEnrolled()
    {
        // Students on every page: sent to all pages at once, 64 calls would be under way.
        var (cohort, cohortId) = await CreateAsync(fixture.Client, fixture.Clock.GetUtcNow().AddDays(1));
        var students = Enumerable.Range(0, RosterPages.Count * 3).Select(i => $"all{i}").ToArray();
        var calls = fixture.Gates.Count<IRosterPageGrain>(nameof(IRosterPageGrain.EnrollAsync));

        var outcomes = (await Roster.EnrollAsync(cohortId, Rows(students)))!.Value;

        Assert.InRange(calls.Most, 2, RosterEnrollment.PagesAtOnce);
        Assert.Equal(students, outcomes.Select(o => o.StudentId));
        Assert.All(outcomes, o => Assert.True(o.Token is not null && !o.AlreadyEnrolled));
        Assert.Equal(students.Length, (await cohort.GetAsync())!.Enrolled);
    }

    [Fact]
    public async Task ReissueToken_UnknownStudentOrCohort_Null()
    {
        var (_, cohortId) = await CreateAsync(fixture.Client, fixture.Clock.GetUtcNow().AddDays(1), "hal");

        Assert.Null(await Roster.ReissueTokenAsync(cohortId, "nobody"));
        Assert.Null(await Roster.ReissueTokenAsync("c-" + Guid.NewGuid().ToString("N")[..12], "hal"));
    }

    [Fact]
    public async Task Page_GivenAnotherCohort_RefusesAndRecordsNobody()
    {
        var (_, cohortId) = await CreateAsync(fixture.Client, fixture.Clock.GetUtcNow().AddDays(1), "jon");
        var (other, _) = await CreateAsync(fixture.Client, fixture.Clock.GetUtcNow().AddDays(1));
        var otherInfo = (await other.GetAsync())!;
        var key = await other.GetRosterKeyAsync();
        var page = PageOf(fixture.Client, cohortId, "kim");

        await Assert.ThrowsAsync<ArgumentException>(() => page.EnrollAsync(otherInfo, key, [new(1, Row("kim"))]));
        await Assert.ThrowsAsync<ArgumentException>(() => PageOf(fixture.Client, cohortId, "jon").ReissueTokenAsync(otherInfo, "jon", key));

        Assert.DoesNotContain(await page.ListAsync(), e => e.StudentId == "kim");
        Assert.Null(await Enrollment(fixture.Client, otherInfo.Id, "kim").GetAsync());
    }

    [Fact]
    public async Task Enroll_UnknownCohort_Null()
    {
        Assert.Null(await Roster.EnrollAsync("c-" + Guid.NewGuid().ToString("N")[..12], Rows("ivy")));
    }

    private Task<EnrollmentKey?> ResolveAsync(string token) =>
        fixture.Client.GetGrain<ICredentialGrain>(StudentToken.KeyOf(token)).ResolveAsync();

    private static ImmutableArray<NumberedRosterRow> Rows(params string[] students) =>
        [.. students.Select((s, i) => new NumberedRosterRow(i + 1, Row(s)))];
}
