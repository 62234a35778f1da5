using Microsoft.Extensions.Time.Testing;
using PPipe.Frontend.Accounts;
using PPipe.Frontend.Components.Pages.Student;
using PPipe.Frontend.Tests.Infrastructure;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Grains.Interfaces.Surveys;
using PPipe.Scenarios.Surveys;

namespace PPipe.Frontend.Tests.Surveys;

/// <summary>The Surveys section of the student's page: answering, saving a draft, submitting once, and the consent choice.</summary>
[Collection(UiClusterCollection.Name)]
public sealed class StudentSurveysTests(UiClusterFixture fixture) : BunitContext
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task SaveDraftThenSubmit_EveryRequiredItemAnswered_DraftKeptThenSubmittedToTheShard()
    {
        var ada = await StudentWithOpenPreAsync("ada");
        var page = Open(ada);
        await page.InvokeAsync(() => page.Find("#survey-pre-answer").Click());
        page.WaitForElement("form#survey-form", Patience);

        await page.InvokeAsync(() => page.Find("#a-serving-rating-4").Change(true));
        await page.InvokeAsync(() => page.Find("form#survey-form").Submit());
        page.WaitForAssertion(() => Assert.StartsWith("Draft saved at ", page.Find("#survey-form [role=status]").TextContent, StringComparison.Ordinal), Patience);
        var draft = Assert.Single(await Student(ada).GetAsync()).Draft;
        foreach (var item in BuiltInInstruments.MlopsSkills.Sections.SelectMany(s => s.Items).Where(i => i.Required && i.Id != "serving-rating"))
        {
            var id = item.Kind == SurveyItemKind.Likert ? $"#a-{item.Id}-3" : $"#a-{item.Id}-0";
            await page.InvokeAsync(() => page.Find(id).Change(true));
        }

        await page.InvokeAsync(() => page.Find("#a-reflection-wish").Change("More labs on drift."));
        await page.InvokeAsync(() => page.Find("#survey-submit").Click());

        page.WaitForAssertion(() => Assert.Contains("You submitted it", page.Find("[data-testid=survey-pre-status]").TextContent), Patience);
        Assert.Equal([new SurveyAnswer("serving-rating", 4, null, null)], draft);
        var row = Assert.Single(await fixture.Client.GetGrain<ISurveyShardGrain>(SurveyShards.KeyOf(ada.CohortId, ada.StudentId)).RowsAsync());
        Assert.Equal(4, row.Pre!.Answers.Single(a => a.ItemId == "serving-rating").Number);
        Assert.Equal("More labs on drift.", row.Pre.Answers.Single(a => a.ItemId == "reflection-wish").Text);
        Assert.Empty(page.FindAll("form#survey-form"));
    }

    [Fact]
    public async Task Submit_RequiredItemsLeftOut_ProblemsShownAtTheItemsAndNothingSubmitted()
    {
        var ada = await StudentWithOpenPreAsync("ada");
        var page = Open(ada);
        await page.InvokeAsync(() => page.Find("#survey-pre-answer").Click());
        page.WaitForElement("form#survey-form", Patience);

        Assert.Empty(page.FindAll("#survey-form input[checked]"));
        await page.InvokeAsync(() => page.Find("#a-serving-rating-2").Change(true));
        await page.InvokeAsync(() => page.Find("#survey-submit").Click());

        page.WaitForAssertion(() => Assert.Contains("need attention before you can submit; nothing was submitted", page.Find("#survey-form [role=alert]").TextContent), Patience);
        var required = BuiltInInstruments.MlopsSkills.Sections.SelectMany(s => s.Items).Count(i => i.Required);
        Assert.Equal(required - 1, page.FindAll(".survey-item.invalid").Count);
        Assert.Empty(await Student(ada).GetAsync());
    }

    [Fact]
    public async Task Consent_GivenThenWithdrawn_ShownAndStored()
    {
        var ada = await StudentWithOpenPreAsync("ada");
        var page = Open(ada);
        Assert.Contains("You have not chosen yet", page.Find("[data-testid=consent-status]").TextContent);

        await page.InvokeAsync(() => page.Find("#consent-give").Click());
        page.WaitForAssertion(() => Assert.StartsWith("You agreed on ", page.Find("[data-testid=consent-status]").TextContent, StringComparison.Ordinal), Patience);
        await page.InvokeAsync(() => page.Find("#consent-withdraw").Click());

        page.WaitForAssertion(() => Assert.StartsWith("You withdrew your consent on ", page.Find("[data-testid=consent-status]").TextContent, StringComparison.Ordinal), Patience);
        var consent = await fixture.Client.GetGrain<ISurveyShardGrain>(SurveyShards.KeyOf(ada.CohortId, ada.StudentId)).GetConsentAsync(ada.StudentId);
        Assert.Equal((false, true), (consent!.Given, consent.FirstGivenAt is not null));
    }

    private async Task<EnrollmentKey> StudentWithOpenPreAsync(string student)
    {
        var key = (await fixture.EnrollAsync(fixture.Clock.UtcNow.AddDays(1), 1440, [student]))[0].Key;
        var now = fixture.Clock.UtcNow;
        await fixture.Client.GetGrain<ICohortSurveysGrain>(key.CohortId).SetAsync(new CohortSurveys(
            new SurveySchedule(BuiltInInstruments.MlopsSkillsId, 1, now.AddHours(-1), now.AddHours(1)),
            new SurveySchedule(BuiltInInstruments.MlopsSkillsId, 1, now.AddDays(20), now.AddDays(21))));
        return key;
    }

    private IRenderedComponent<StudentPage> Open(EnrollmentKey student)
    {
        this.UseUi(fixture, new FakeTimeProvider(fixture.Clock.UtcNow), UiAuth.Student(student, "credential"));
        var page = Render<StudentPage>();
        page.WaitForAssertion(() => Assert.Contains("Open until", page.Find("[data-testid=survey-pre-status]").TextContent), Patience);
        return page;
    }

    private IStudentSurveysGrain Student(EnrollmentKey key) => fixture.Client.GetGrain<IStudentSurveysGrain>(key.ToString());
}
