using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PPipe.Frontend.Accounts;
using PPipe.Frontend.Components.Pages.Surveys;
using PPipe.Frontend.Tests.Infrastructure;
using PPipe.Grains.Interfaces.Accounts;
using PPipe.Grains.Interfaces.Library;
using PPipe.Grains.Interfaces.Surveys;
using PPipe.Scenarios.Surveys;

namespace PPipe.Frontend.Tests.Surveys;

/// <summary>
/// The cohort's survey analytics page: the change per competence with its interval in the table and as whiskers in the chart,
/// the item counts, and what it says when a cohort has no surveys or no other cohort of its scenario to compare with, or
/// when the cluster does not answer (and that the page stays usable then).
/// </summary>
[Collection(UiClusterCollection.Name)]
public sealed class SurveyAnalyticsPageTests(UiClusterFixture fixture) : BunitContext
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly int[] PreRatings = [1, 2, 2, 3, 4];
    private static readonly int[] PostRatings = [3, 3, 4, 4, 4];

    private readonly UnansweringGrains _grains = new(fixture.Client);

    [Fact]
    public async Task Open_FiveStudentsAnsweredBoth_ChangePerCompetenceWithItsIntervalInTableAndChart()
    {
        var cohort = await SurveyedCohortAsync();
        var expected = SurveyStatistics.Paired([.. PreRatings.Select(r => (double)r)], [.. PostRatings.Select(r => (double)r)]);

        var page = Open(cohort);

        page.WaitForAssertion(() => Assert.NotNull(page.Find("table[aria-label='Change per competence']")), Patience);
        var serving = page.Find("tr[data-competence=serving]");
        Assert.Equal($"[{Signed(expected.Low!.Value)}, {Signed(expected.High!.Value)}]", serving.QuerySelector("[data-testid=interval]")!.TextContent);
        Assert.Contains($"+{expected.MeanChange!.Value.ToString("0.00", CultureInfo.InvariantCulture)}", serving.TextContent, StringComparison.Ordinal);
        Assert.Equal(BuiltInInstruments.MlopsSkills.Competences.Length, page.FindAll("svg[aria-labelledby^=change] [data-testid=whisker]").Count);
        Assert.Contains("Serving a model", page.Find("#change-desc").TextContent, StringComparison.Ordinal);
        Assert.Contains("95% interval", page.Find("#change-desc").TextContent, StringComparison.Ordinal);
        Assert.Equal("5", page.Find("[aria-label=Analysed] .figure-value").TextContent);
    }

    [Fact]
    public async Task Open_ItemCounts_BeforeAndAfterPerScalePoint()
    {
        var cohort = await SurveyedCohortAsync();

        var page = Open(cohort);

        page.WaitForAssertion(() => Assert.NotNull(page.Find("table[aria-label='Answers to serving-rating']")), Patience);
        var rows = page.FindAll("table[aria-label='Answers to serving-rating'] tbody tr");
        Assert.Equal(["1", "2", "1", "1", "0"], rows.Select(r => r.Children[1].TextContent));
        Assert.Equal(["0", "0", "2", "3", "0"], rows.Select(r => r.Children[2].TextContent));
    }

    [Fact]
    public async Task Compare_NoOtherCohortOfTheScenario_SaysSo()
    {
        var cohort = await SurveyedCohortAsync();
        var page = Open(cohort);
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#compare")), Patience);

        await page.InvokeAsync(() => page.Find("#compare").Click());

        page.WaitForAssertion(() => Assert.Contains("No other cohort", page.Find("[data-testid=no-comparison]").TextContent, StringComparison.Ordinal), Patience);
    }

    [Fact]
    public async Task Open_NoSurveysAttached_SaysThereIsNothingToAnalyse()
    {
        var students = await fixture.EnrollAsync(fixture.Clock.UtcNow.AddHours(-1), 1, ["alone"], spec: "template: taxi-fares");

        var page = Open(students[0].Key.CohortId);

        page.WaitForAssertion(() => Assert.Contains("no pre- or post-survey attached", page.Find("[role=status]").TextContent, StringComparison.Ordinal), Patience);
    }

    [Fact]
    public async Task Open_CourseFeedbackAttached_CountsAndCommentsWithoutNames()
    {
        var students = await fixture.EnrollAsync(fixture.Clock.UtcNow.AddHours(-1), 1, ["fay", "gus"], spec: "template: taxi-fares");
        var cohort = students[0].Key.CohortId;
        var now = fixture.Clock.UtcNow;
        await fixture.Client.GetGrain<ICohortSurveysGrain>(cohort).SetAsync(new CohortSurveys(null, null,
            new SurveySchedule(BuiltInInstruments.CourseFeedbackId, 1, now.AddDays(1), now.AddDays(2))));
        foreach (var (id, clarity, comment) in new[] { ("fay", 4, "Too little time for drift"), ("gus", 2, (string?)null) })
        {
            await fixture.Client.GetGrain<ISurveyShardGrain>(SurveyShards.KeyOf(cohort, id)).SubmitAsync(id, SurveyKind.Feedback,
                new SurveySubmission(BuiltInInstruments.CourseFeedbackId, 1, DateTimeOffset.UnixEpoch,
                [
                    new SurveyAnswer("helped", null, [1, 2], null),
                    new SurveyAnswer("clarity", clarity, null, null),
                    .. comment is null ? Array.Empty<SurveyAnswer>() : [new SurveyAnswer("unclear", null, null, comment)],
                ]));
        }

        var page = Open(cohort);

        page.WaitForAssertion(() => Assert.Contains("2 of 2 enrolled", page.Find("[data-testid=feedback-submitted]").TextContent, StringComparison.Ordinal), Patience);
        var clarityRows = page.FindAll("table[aria-label='Feedback: clarity'] tbody tr");
        Assert.Equal(["0", "1", "0", "1", "0"], clarityRows.Select(r => r.Children[1].TextContent));
        Assert.Equal(["2"], page.FindAll("table[aria-label='Feedback: helped'] tbody tr").Skip(1).Take(1).Select(r => r.Children[1].TextContent));
        Assert.Contains("Too little time for drift", page.Find("[aria-label='Feedback comments']").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("fay", page.Find("[aria-label='Feedback comments']").TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("no pre- or post-survey attached", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_SurveysUnanswered_SaysSoInsteadAndReadsThemAgainOnRequest()
    {
        var students = await fixture.EnrollAsync(fixture.Clock.UtcNow.AddHours(-1), 1, ["unanswered"], spec: "template: taxi-fares");
        _grains.Fail<ICohortSurveysGrain>(nameof(ICohortSurveysGrain.GetAsync), new SiloUnavailableException());

        var page = Open(students[0].Key.CohortId);

        page.WaitForAssertion(() => _grains.AssertSaid(page,
            "The survey analytics could not be read: the platform did not answer. Nothing was changed; read them again in a few seconds.", "Read the analytics again"), Patience);
        Assert.Empty(page.FindAll("h1"));

        _grains.Answer();
        await page.InvokeAsync(() => page.Find("#analytics-read-again").Click());

        page.WaitForAssertion(() => Assert.Contains("no pre- or post-survey attached", page.Find("[role=status]").TextContent, StringComparison.Ordinal), Patience);
        Assert.Empty(page.FindAll("[role=alert]"));
    }

    [Fact]
    public async Task Compare_Unanswered_SaysSoKeepsTheFiguresAndComparesOnTheNextClick()
    {
        var cohort = await SurveyedCohortAsync();
        var page = Open(cohort);
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#compare")), Patience);
        _grains.Fail<ILibraryGrain>(nameof(ILibraryGrain.CohortsAsync), new SiloUnavailableException());

        await page.InvokeAsync(() => page.Find("#compare").Click());

        page.WaitForAssertion(() => _grains.AssertSaid(page,
            "The other cohorts' figures could not be read: the platform did not answer. Nothing was changed; try again in a few seconds.", "Compare with other cohorts"), Patience);
        Assert.NotNull(page.Find("[aria-label='Responses']"));

        _grains.Answer();
        await page.InvokeAsync(() => page.Find("#compare").Click());

        page.WaitForAssertion(() => Assert.Contains("No other cohort", page.Find("[data-testid=no-comparison]").TextContent, StringComparison.Ordinal), Patience);
        Assert.Empty(page.FindAll("[role=alert]"));
    }

    /// <summary>A cohort of its own scenario with five students who answered the built-in instrument before and after.</summary>
    private async Task<string> SurveyedCohortAsync()
    {
        string[] ids = ["ana", "ben", "cai", "dev", "eve"];
        var students = await fixture.EnrollAsync(fixture.Clock.UtcNow.AddHours(-1), 1, ids, spec: "template: taxi-fares");
        var cohort = students[0].Key.CohortId;
        var now = fixture.Clock.UtcNow;
        await fixture.Client.GetGrain<ICohortSurveysGrain>(cohort).SetAsync(new CohortSurveys(
            new SurveySchedule("mlops-skills", 1, now.AddDays(1), now.AddDays(2)),
            new SurveySchedule("mlops-skills", 1, now.AddDays(3), now.AddDays(4))));
        for (var i = 0; i < ids.Length; i++)
        {
            var shard = fixture.Client.GetGrain<ISurveyShardGrain>(SurveyShards.KeyOf(cohort, ids[i]));
            await shard.SubmitAsync(ids[i], SurveyKind.Pre, Submission(PreRatings[i]));
            await shard.SubmitAsync(ids[i], SurveyKind.Post, Submission(PostRatings[i]));
        }

        return cohort;
    }

    private static SurveySubmission Submission(int rating) => new("mlops-skills", 1, DateTimeOffset.UnixEpoch,
    [
        .. BuiltInInstruments.MlopsSkills.Sections.SelectMany(s => s.Items).Where(i => i.Required).Select(i => i.Kind switch
        {
            SurveyItemKind.Likert => new SurveyAnswer(i.Id, rating, null, null),
            SurveyItemKind.Single => new SurveyAnswer(i.Id, i.Key[0], null, null),
            _ => new SurveyAnswer(i.Id, null, i.Key, null),
        }),
    ]);

    private IRenderedComponent<SurveyAnalyticsPage> Open(string cohort)
    {
        Services.AddSingleton<IGrainFactory>(_grains);
        this.UseUi(fixture, new FakeTimeProvider(fixture.Clock.UtcNow),
            UiAuth.Instructor(new Account("teacher", "Teacher", "hash", [AccountRoles.Instructor], DateTimeOffset.UnixEpoch)));
        return Render<SurveyAnalyticsPage>(p => p.Add(c => c.Id, cohort));
    }

    private static string Signed(double value) => value.ToString("+0.00;−0.00;0.00", CultureInfo.InvariantCulture);
}
