using Microsoft.Extensions.Time.Testing;
using PPipe.Frontend.Accounts;
using PPipe.Frontend.Components.Pages.Student;
using PPipe.Frontend.Tests.Infrastructure;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Grains.Interfaces.Notifications;

namespace PPipe.Frontend.Tests.Student;

/// <summary>The Notifications section of the student's page: announcements, choosing channels and kinds, what was sent.</summary>
[Collection(UiClusterCollection.Name)]
public sealed class StudentNotificationsTests(UiClusterFixture fixture) : BunitContext
{
    private static readonly DateTimeOffset FutureStart = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Save_KindOffAndAChatWebhook_StoredForTheStudent()
    {
        var ada = (await fixture.EnrollAsync(FutureStart, 1440, ["ada"]))[0].Key;
        var page = Open(ada);

        await page.InvokeAsync(() => page.Find("#notify-batchOpened").Change(false));
        await page.InvokeAsync(() => page.Find("#notify-chat").Change("https://203.0.113.10/hooks/ada"));
        await page.InvokeAsync(() => page.Find("#notify-chat-format").Change("discord"));
        await page.InvokeAsync(() => page.Find("form#notification-settings").Submit());

        page.WaitForAssertion(() => Assert.Contains("Saved.", page.Markup), Patience);
        var preferences = (await Grain(ada).GetNotificationsAsync()).Preferences;
        Assert.Equal((true, "https://203.0.113.10/hooks/ada", ChatFormat.Discord), (preferences.Email, preferences.ChatUrl, preferences.ChatFormat));
        Assert.Equal([NotificationKind.BatchOpened], preferences.Muted);
        Assert.False(page.Find("#notify-batchOpened").HasAttribute("checked"));
    }

    [Fact]
    public async Task Save_ChatUrlToAPrivateAddress_ProblemShownAndNothingChanged()
    {
        var ada = (await fixture.EnrollAsync(FutureStart, 1440, ["ada"]))[0].Key;
        var page = Open(ada);

        await page.InvokeAsync(() => page.Find("#notify-chat").Change("http://10.0.0.5/hook"));
        await page.InvokeAsync(() => page.Find("#notify-email").Change(false));
        await page.InvokeAsync(() => page.Find("form#notification-settings").Submit());

        page.WaitForAssertion(() => Assert.Contains("private network address", page.Find("[role=alert]").TextContent), Patience);
        Assert.Equal("true", page.Find("#notify-chat").GetAttribute("aria-invalid"));
        Assert.Equal(NotificationPreferences.Default, (await Grain(ada).GetNotificationsAsync()).Preferences);
    }

    [Fact]
    public async Task Announcement_PostedToTheCohort_ShownOnThePage()
    {
        var ada = (await fixture.EnrollAsync(FutureStart, 1440, ["ada"]))[0].Key;
        await fixture.Client.GetGrain<ICohortNotificationsGrain>(ada.CohortId).PostAnnouncementAsync("Lab moved", "The lab is on Friday.");

        var page = Open(ada);

        var list = page.Find("[aria-label=Announcements]");
        Assert.Contains("Lab moved", list.TextContent);
        Assert.Contains("The lab is on Friday.", list.TextContent);
    }

    private IRenderedComponent<StudentPage> Open(EnrollmentKey student)
    {
        this.UseUi(fixture, new FakeTimeProvider(FutureStart), UiAuth.Student(student, "credential"));
        var page = Render<StudentPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("form#notification-settings")), Patience);
        return page;
    }

    private IEnrollmentGrain Grain(EnrollmentKey key) => fixture.Client.GetGrain<IEnrollmentGrain>(key.ToString());
}
