using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PPipe.Frontend.Accounts;
using PPipe.Frontend.Components.Pages.Surveys;
using PPipe.Frontend.Tests.Infrastructure;
using PPipe.Grains.Interfaces.Accounts;
using PPipe.Grains.Interfaces.Surveys;

namespace PPipe.Frontend.Tests.Surveys;

/// <summary>
/// The cohort's Surveys page: attaching the pre- and post-survey with their windows, and refusing bad windows; when the
/// cluster does not answer, it says what could not be done and stays usable.
/// </summary>
[Collection(UiClusterCollection.Name)]
public sealed class CohortSurveysPageTests(UiClusterFixture fixture) : BunitContext
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly UnansweringGrains _grains = new(fixture.Client);

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

    [Fact]
    public async Task Open_SurveysUnanswered_SaysSoInsteadAndReadsThemAgainOnRequest()
    {
        var cohort = await fixture.OpenCohortAsync("Unanswered", Minute(fixture.Clock.UtcNow.AddDays(2)), speed: 1);
        _grains.Fail<ICohortSurveysGrain>(nameof(ICohortSurveysGrain.GetAsync), new SiloUnavailableException());

        var page = RenderPage(cohort);

        page.WaitForAssertion(() => _grains.AssertSaid(page,
            "The cohort's surveys could not be read: the platform did not answer. Nothing was changed; read them again in a few seconds.", "Read the surveys again"), Patience);
        Assert.Empty(page.FindAll("form#survey-settings"));

        _grains.Answer();
        await page.InvokeAsync(() => page.Find("#surveys-read-again").Click());

        page.WaitForAssertion(() => Assert.NotNull(page.Find("form#survey-settings")), Patience);
        Assert.Empty(page.FindAll("[role=alert]"));
    }

    [Fact]
    public async Task Save_TimedOut_SaysTheyMayHaveBeenSavedHowToCheckAndSavesOnTheNextSubmit()
    {
        var cohort = await fixture.OpenCohortAsync("Unanswered", Minute(fixture.Clock.UtcNow.AddDays(2)), speed: 1);
        var page = Open(cohort);
        _grains.Fail<ICohortSurveysGrain>(nameof(ICohortSurveysGrain.SetAsync), new TimeoutException());

        await page.InvokeAsync(() => page.Find("#pre-attached").Change(true));
        await page.InvokeAsync(() => page.Find("form#survey-settings").Submit());

        page.WaitForAssertion(() => _grains.AssertSaid(page, "The platform did not answer in time, so the surveys may or may not have been saved. Reload the "
            + "page in a few seconds to see those stored, or save again.", "Save surveys"), Patience);
        Assert.Empty(page.FindAll("form#survey-settings [role=status]"));
        Assert.True(page.Find("#pre-attached").HasAttribute("checked"));

        _grains.Answer();
        await page.InvokeAsync(() => page.Find("form#survey-settings").Submit());

        page.WaitForAssertion(() => Assert.Equal("Saved.", page.Find("form#survey-settings [role=status]").TextContent), Patience);
        Assert.Empty(page.FindAll("[role=alert]"));
        Assert.NotNull((await fixture.Client.GetGrain<ICohortSurveysGrain>(cohort).GetAsync()).Pre);
    }

    private IRenderedComponent<CohortSurveysPage> Open(string cohort)
    {
        var page = RenderPage(cohort);
        page.WaitForAssertion(() => Assert.NotNull(page.Find("form#survey-settings")), Patience);
        return page;
    }

    private IRenderedComponent<CohortSurveysPage> RenderPage(string cohort)
    {
        Services.AddSingleton<IGrainFactory>(_grains);
        this.UseUi(fixture, new FakeTimeProvider(fixture.Clock.UtcNow),
            UiAuth.Instructor(new Account("teacher", "Teacher", "hash", [AccountRoles.Instructor], DateTimeOffset.UnixEpoch)));
        return Render<CohortSurveysPage>(p => p.Add(c => c.Id, cohort));
    }

    private static DateTimeOffset Minute(DateTimeOffset at) => new(at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero);

    private static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Local(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);
}
