using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Playwright;
using PPipe.Browser.Tests.Infrastructure;
using PPipe.Scenarios.Surveys;
using static Microsoft.Playwright.Assertions;

namespace PPipe.Browser.Tests.Journeys;

/// <summary>
/// A student answers both of a cohort's surveys in a real browser: the pre-survey while it is open, with a draft first; then the
/// post-survey, which opens on their page while they look at it; the instructor's Surveys page counts both, and its analytics
/// page shows the student's (absent) change per competence.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SurveyJourneyTests(BrowserPlatform platform) : BrowserTest(platform)
{
    /// <summary>How long after the test starts the post-survey opens: time enough to answer the pre-survey in a browser.</summary>
    private static readonly TimeSpan PostOpensIn = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task Student_AnswersThePreThenThePostSurvey_BothSubmittedAndCounted()
    {
        var (cohortId, tokens) = await CohortWithStudentsAsync("ada");
        var postOpens = DateTimeOffset.UtcNow + PostOpensIn;
        using (var admin = new HttpClient { BaseAddress = Platform.BaseAddress })
        {
            admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Platform.AdminKey);
            var attached = await admin.PutAsJsonAsync($"/api/v1/admin/cohorts/{cohortId}/surveys", new
            {
                pre = new { instrumentId = "mlops-skills", version = 1, opensAt = DateTimeOffset.UtcNow.AddMinutes(-1), closesAt = postOpens },
                post = new { instrumentId = "mlops-skills", version = 1, opensAt = postOpens, closesAt = postOpens.AddMinutes(20) },
            }, Ct);
            attached.EnsureSuccessStatusCode();
        }

        await SignInAsStudentAsync(tokens["ada"]);
        await Page.GotoAsync("/student#surveys");
        await AnswerAsync("pre", saveDraftFirst: true);
        await Expect(Page.GetByTestId("survey-pre-status")).ToContainTextAsync("You submitted it");
        // The page moves the survey's status on with the clock: the post-survey's button appears when it opens.
        var answerPost = Page.GetByRole(AriaRole.Button, new() { Name = "Answer the post-survey" });
        await Expect(answerPost).ToBeVisibleAsync(new() { Timeout = (float)(PostOpensIn + ExpectTimeout).TotalMilliseconds });
        await AnswerAsync("post", saveDraftFirst: false);
        await Expect(Page.GetByTestId("survey-post-status")).ToContainTextAsync("You submitted it");

        await Page.GetByRole(AriaRole.Button, new() { Name = "I agree to research use of my answers" }).ClickAsync();
        await Expect(Page.GetByTestId("consent-status")).ToContainTextAsync("You agreed on");
        await Context.ClearCookiesAsync();
        await SignInAsInstructorAsync();
        await Page.GotoAsync($"/cohorts/{cohortId}/surveys");
        await Expect(Page.GetByTestId("pre-submitted")).ToHaveTextAsync("1");
        await Expect(Page.GetByTestId("post-submitted")).ToHaveTextAsync("1");
        await Expect(Page.GetByTestId("consenting")).ToHaveTextAsync("1");
        await AssertAccessibleAsync("cohort-surveys");
        await ScreenshotAsync("cohort-surveys");
        // The same answers both times: the analytics page shows no change for the one student, and no interval for n = 1.
        await Page.GetByRole(AriaRole.Link, new() { Name = "Analytics" }).ClickAsync();
        var serving = Page.Locator("tr[data-competence=serving]");
        await Expect(serving).ToContainTextAsync("Serving a model");
        await Expect(serving.Locator("td").First).ToHaveTextAsync("1");
        await Expect(serving.GetByTestId("interval")).ToHaveTextAsync("—");
        await Expect(Page.Locator("svg[aria-labelledby^=prepost]")).ToBeVisibleAsync();
        await AssertAccessibleAsync("survey-analytics");
        await Page.GotoAsync("/surveys");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).First.ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "MLOps skills (mlops-skills v1)" })).ToBeVisibleAsync();
        await AssertAccessibleAsync("survey-instruments");
    }

    /// <summary>Opens a survey, answers every required item (the middle of each scale, the first option) and submits it.</summary>
    private async Task AnswerAsync(string kind, bool saveDraftFirst)
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = $"Answer the {kind}-survey" }).ClickAsync();
        var form = Page.Locator("form#survey-form");
        await Expect(form).ToBeVisibleAsync();
        if (saveDraftFirst)
        {
            await AssertAccessibleAsync("student-survey-form");
        }

        foreach (var item in BuiltInInstruments.MlopsSkills.Sections.SelectMany(s => s.Items).Where(i => i.Required))
        {
            await form.Locator(item.Kind == SurveyItemKind.Likert ? $"#a-{item.Id}-3" : $"#a-{item.Id}-0").CheckAsync();
        }

        await form.Locator("#a-reflection-wish").FillAsync($"More time on drift ({kind}).");
        if (saveDraftFirst)
        {
            await form.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
            await Expect(form.GetByRole(AriaRole.Status)).ToContainTextAsync("Draft saved at");
        }

        await form.GetByRole(AriaRole.Button, new() { Name = "Submit (final)" }).ClickAsync();
        await Expect(form).ToHaveCountAsync(0);
    }
}
