using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using PPipe.Frontend.Accounts;
using PPipe.Frontend.Components.Pages.Surveys;
using PPipe.Frontend.Tests.Infrastructure;
using PPipe.Grains.Interfaces.Accounts;
using PPipe.Grains.Interfaces.Surveys;

namespace PPipe.Frontend.Tests.Surveys;

/// <summary>The cohort's Surveys page: attaching the pre- and post-survey with their windows, and refusing bad windows.</summary>
[Collection(UiClusterCollection.Name)]
public sealed class CohortSurveysPageTests(UiClusterFixture fixture) : BunitContext
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Save_PreAndPostAttached_StoredWithTheirWindows()
    {
        var start = Minute(fixture.Clock.UtcNow.AddDays(2));
        var cohort = await fixture.OpenCohortAsync("Surveyed", start, speed: 1);
        var page = Open(cohort);

        await page.InvokeAsync(() => page.Find("#pre-attached").Change(true));
        await page.InvokeAsync(() => page.Find("#post-attached").Change(true));
        await page.InvokeAsync(() => page.Find("#pre-opens").Change(Local(start.AddDays(-1))));
        await page.InvokeAsync(() => page.Find("#pre-closes").Change(Local(start.AddDays(3))));
        await page.InvokeAsync(() => page.Find("form#survey-settings").Submit());

        page.WaitForAssertion(() => Assert.Equal("Saved.", page.Find("form#survey-settings [role=status]").TextContent), Patience);
        var surveys = await fixture.Client.GetGrain<ICohortSurveysGrain>(cohort).GetAsync();
        Assert.Equal(new SurveySchedule("mlops-skills", 1, start.AddDays(-1), start.AddDays(3)), surveys.Pre);
        Assert.Equal(("mlops-skills", start.AddDays(28) + TimeSpan.FromDays(1)), (surveys.Post!.InstrumentId, surveys.Post.ClosesAt));
        Assert.Equal("0", page.Find("[data-testid=pre-submitted]").TextContent);
    }

    [Fact]
    public async Task Save_PreAttached_NoticesSayWhenTheyWillGo()
    {
        var start = Minute(fixture.Clock.UtcNow.AddDays(2));
        var cohort = await fixture.OpenCohortAsync("Noticed", start, speed: 1);
        var page = Open(cohort);

        await page.InvokeAsync(() => page.Find("#pre-attached").Change(true));
        await page.InvokeAsync(() => page.Find("#pre-opens").Change(Local(start.AddDays(-1))));
        await page.InvokeAsync(() => page.Find("#pre-closes").Change(Local(start.AddDays(6))));
        await page.InvokeAsync(() => page.Find("form#survey-settings").Submit());

        page.WaitForAssertion(() => Assert.Equal("Saved.", page.Find("form#survey-settings [role=status]").TextContent), Patience);
        Assert.Contains($"Will go at {Utc(start.AddDays(-1))}.", page.Find("[data-testid=notice-pre-opened]").TextContent, StringComparison.Ordinal);
        Assert.Contains($"Will go at {Utc(start.AddDays(4))}.", page.Find("[data-testid=notice-pre-closing]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid^=notice-post]"));
    }

    [Fact]
    public async Task Save_PostClosingBeforeTheStart_ErrorNamedAndNothingStored()
    {
        var start = Minute(fixture.Clock.UtcNow.AddDays(2));
        var cohort = await fixture.OpenCohortAsync("Badly surveyed", start, speed: 1);
        var page = Open(cohort);

        await page.InvokeAsync(() => page.Find("#post-attached").Change(true));
        await page.InvokeAsync(() => page.Find("#post-opens").Change(Local(start.AddDays(-3))));
        await page.InvokeAsync(() => page.Find("#post-closes").Change(Local(start.AddDays(-2))));
        await page.InvokeAsync(() => page.Find("form#survey-settings").Submit());

        page.WaitForAssertion(() => Assert.Contains("post.closesAt", page.Find("[aria-label='Survey errors']").TextContent), Patience);
        Assert.Equal("true", page.Find("#post-closes").GetAttribute("aria-invalid"));
        Assert.Equal(CohortSurveys.None, await fixture.Client.GetGrain<ICohortSurveysGrain>(cohort).GetAsync());
    }

    private IRenderedComponent<CohortSurveysPage> Open(string cohort)
    {
        this.UseUi(fixture, new FakeTimeProvider(fixture.Clock.UtcNow),
            UiAuth.Instructor(new Account("teacher", "Teacher", "hash", [AccountRoles.Instructor], DateTimeOffset.UnixEpoch)));
        var page = Render<CohortSurveysPage>(p => p.Add(c => c.Id, cohort));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("form#survey-settings")), Patience);
        return page;
    }

    private static DateTimeOffset Minute(DateTimeOffset at) => new(at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero);

    private static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Local(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);
}
