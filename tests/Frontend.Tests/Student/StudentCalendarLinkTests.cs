using Microsoft.Extensions.Time.Testing;
using PPipe.Frontend.Accounts;
using PPipe.Frontend.Components.Pages.Student;
using PPipe.Frontend.Tests.Infrastructure;
using PPipe.Grains.Interfaces.Calendar;
using PPipe.Grains.Interfaces.Enrollments;

namespace PPipe.Frontend.Tests.Student;

/// <summary>Where a student finds their calendar feed: on their page, with a way to replace a leaked address.</summary>
[Collection(UiClusterCollection.Name)]
public sealed class StudentCalendarLinkTests(UiClusterFixture fixture) : BunitContext
{
    private static readonly DateTimeOffset FutureStart = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task StudentPage_ShowsTheirFeedUrlAndASubscribeLink()
    {
        var key = (await fixture.EnrollAsync(FutureStart, 1440, ["ada"]))[0].Key;
        this.UseUi(fixture, new FakeTimeProvider(FutureStart), UiAuth.Student(key, "credential"));

        var page = Render<StudentPage>();
        page.WaitForAssertion(() => page.Find("code[aria-label='Calendar feed URL']"), Patience);

        var secret = (await Enrollment(key).GetAsync())!.CalendarSecret!;
        var url = UiContext.PublicUrl.ToString().TrimEnd('/') + $"/api/v1/calendar/{secret}.ics";
        Assert.Equal(url, page.Find("code[aria-label='Calendar feed URL']").TextContent);
        Assert.Equal("webcal" + url[url.IndexOf("://", StringComparison.Ordinal)..],
            page.Find("p[aria-label='Calendar feed'] a").GetAttribute("href"));
        Assert.Equal(key, (await Feed(secret).ResolveAsync())!.Enrollment);
    }

    [Fact]
    public async Task ReplaceTheAddress_NewUrlShownAndTheOldOneDead()
    {
        var key = (await fixture.EnrollAsync(FutureStart, 1440, ["ada"]))[0].Key;
        this.UseUi(fixture, new FakeTimeProvider(FutureStart), UiAuth.Student(key, "credential"));
        var page = Render<StudentPage>();
        page.WaitForAssertion(() => page.Find("code[aria-label='Calendar feed URL']"), Patience);
        var old = (await Enrollment(key).GetAsync())!.CalendarSecret!;

        await page.ClickButtonAsync("Replace the address");

        var fresh = (await Enrollment(key).GetAsync())!.CalendarSecret!;
        Assert.NotEqual(old, fresh);
        page.WaitForAssertion(() => Assert.EndsWith($"/api/v1/calendar/{fresh}.ics", page.Find("code[aria-label='Calendar feed URL']").TextContent,
            StringComparison.Ordinal), Patience);
        Assert.Null(await Feed(old).ResolveAsync());
    }

    private IEnrollmentGrain Enrollment(EnrollmentKey key) => fixture.Client.GetGrain<IEnrollmentGrain>(key.ToString());

    private ICalendarFeedGrain Feed(string secret) => fixture.Client.GetGrain<ICalendarFeedGrain>(CalendarSecret.KeyOf(secret));
}
