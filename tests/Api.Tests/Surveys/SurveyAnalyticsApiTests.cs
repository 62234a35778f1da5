using System.Collections.Immutable;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PPipe.Api.Tests.Infrastructure;
using PPipe.Grains.Interfaces.Surveys;
using PPipe.Scenarios.Surveys;

namespace PPipe.Api.Tests.Surveys;

/// <summary>
/// Survey analytics over HTTP for a cohort of 40 students whose answers sit in the cohort's survey shards: 30 answered both surveys,
/// some only one, one answered nothing, one was removed; half consent. The figures count the right students, the change per
/// competence and its interval match the paired statistics of the seeded ratings, the knowledge gain and the item counts add up,
/// and unknown cohorts, cohorts without surveys and comparisons without other cohorts answer as documented.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class SurveyAnalyticsApiTests(ApiPlatform platform)
{
    private const int Both = 30;
    private const int PreOnly = 5;
    private const int PostOnly = 3;
    private const string Removed = "s38";
    private const double Precision = 1e-9;
    private static readonly SurveyInstrument Skills = BuiltInInstruments.MlopsSkills;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Analytics_SeededCohort_CountsAndChangePerCompetenceFromStudentsWhoAnsweredBoth()
    {
        var cohort = await SeededCohortAsync();
        using var admin = platform.Admin();

        var analytics = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/cohorts/{cohort}/surveys/analytics", Ct);

        var responses = analytics.GetProperty("responses");
        Assert.Equal((39, Both + PreOnly, Both + PostOnly, Both, 19, Both),
            (Int(responses, "enrolled"), Int(responses, "preSubmitted"), Int(responses, "postSubmitted"), Int(responses, "both"),
             Int(responses, "consenting"), Int(responses, "analyzed")));
        var expected = SurveyStatistics.Paired([.. Students(Both).Select(i => (double)PreRating(i))], [.. Students(Both).Select(i => (double)PostRating(i))]);
        var competences = analytics.GetProperty("competences").EnumerateArray().ToList();
        Assert.Equal(Skills.Competences.Select(c => c.Id), competences.Select(c => c.GetProperty("id").GetString()));
        Assert.All(competences, c =>
        {
            Assert.Equal(Both, Int(c, "n"));
            Assert.Equal(expected.MeanBefore!.Value, c.GetProperty("preMean").GetDouble(), Precision);
            Assert.Equal(expected.MeanAfter!.Value, c.GetProperty("postMean").GetDouble(), Precision);
            Assert.Equal(expected.MeanChange!.Value, c.GetProperty("meanChange").GetDouble(), Precision);
            Assert.Equal(expected.Low!.Value, c.GetProperty("low").GetDouble(), Precision);
            Assert.Equal(expected.High!.Value, c.GetProperty("high").GetDouble(), Precision);
            Assert.Equal(expected.EffectSize!.Value, c.GetProperty("effectSize").GetDouble(), Precision);
        });
        Assert.Equal(("mlops-skills", 1), (analytics.GetProperty("pre").GetProperty("id").GetString(), analytics.GetProperty("pre").GetProperty("version").GetInt32()));
    }

    [Fact]
    public async Task Analytics_SeededCohort_KnowledgeGainAndItemCountsWithoutTheRemovedStudent()
    {
        var cohort = await SeededCohortAsync();
        using var admin = platform.Admin();

        var analytics = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/cohorts/{cohort}/surveys/analytics", Ct);

        var knowledge = Skills.Sections.SelectMany(s => s.Items).Where(i => i.Kind is SurveyItemKind.Single or SurveyItemKind.Multiple).ToList();
        var singles = knowledge.Count(i => i.Kind == SurveyItemKind.Single);
        // Every multiple-choice question is right before, single-choice ones only for odd students; everything is right after.
        var preShare = Students(Both).Sum(i => knowledge.Count - singles + (i % 2 == 1 ? singles : 0)) / (double)(knowledge.Count * Both);
        var overall = Assert.Single(analytics.GetProperty("knowledge").EnumerateArray(), k => k.GetProperty("competence").ValueKind == JsonValueKind.Null);
        Assert.Equal((knowledge.Count, Both), (Int(overall, "preItems"), Int(overall, "n")));
        Assert.Equal(preShare, overall.GetProperty("preCorrect").GetDouble(), Precision);
        Assert.Equal((1.0, 1.0), (overall.GetProperty("postCorrect").GetDouble(), overall.GetProperty("gain").GetDouble()));
        var rating = Assert.Single(analytics.GetProperty("items").EnumerateArray(), i => i.GetProperty("itemId").GetString() == RatingOf("serving"));
        int[] preCounts = [.. Enumerable.Range(1, 5).Select(v => Students(Both + PreOnly).Count(i => PreRating(i) == v))];
        int[] postCounts = [.. Enumerable.Range(1, 5).Select(v => Students(Both).Count(i => PostRating(i) == v) + (v == 3 ? PostOnly : 0))];
        Assert.Equal(preCounts, rating.GetProperty("pre").EnumerateArray().Select(c => c.GetInt32()));
        Assert.Equal(postCounts, rating.GetProperty("post").EnumerateArray().Select(c => c.GetInt32()));
        Assert.Equal((Both + PreOnly, Both + PostOnly), (Int(rating, "preAnswered"), Int(rating, "postAnswered")));
    }

    [Fact]
    public async Task Analytics_ConsentingOnly_OnlyConsentingStudentsInTheFigures()
    {
        var cohort = await SeededCohortAsync();
        using var admin = platform.Admin();

        var analytics = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/cohorts/{cohort}/surveys/analytics?consentingOnly=true", Ct);

        var consenting = Students(Both).Where(i => i % 2 == 0).ToList();
        var expected = SurveyStatistics.Paired([.. consenting.Select(i => (double)PreRating(i))], [.. consenting.Select(i => (double)PostRating(i))]);
        Assert.True(analytics.GetProperty("consentingOnly").GetBoolean());
        Assert.Equal((39, Both, consenting.Count), (Int(analytics.GetProperty("responses"), "enrolled"), Int(analytics.GetProperty("responses"), "both"),
            Int(analytics.GetProperty("responses"), "analyzed")));
        var serving = Assert.Single(analytics.GetProperty("competences").EnumerateArray(), c => c.GetProperty("id").GetString() == "serving");
        Assert.Equal(consenting.Count, Int(serving, "n"));
        Assert.Equal(expected.MeanChange!.Value, serving.GetProperty("meanChange").GetDouble(), Precision);
    }

    [Fact]
    public async Task Analytics_UnknownCohortOrNoSurveys_404Or409Problem()
    {
        var bare = await platform.CreateCohortAsync();
        using var admin = platform.Admin();

        var unknown = await admin.GetAsync("/api/v1/admin/cohorts/nope-0000/surveys/analytics", Ct);
        var unknownComparison = await admin.GetAsync("/api/v1/admin/cohorts/nope-0000/surveys/analytics/comparison", Ct);
        var noSurveys = await admin.GetAsync($"/api/v1/admin/cohorts/{bare}/surveys/analytics", Ct);
        var noSurveysComparison = await admin.GetAsync($"/api/v1/admin/cohorts/{bare}/surveys/analytics/comparison", Ct);
        var badFlag = await admin.GetAsync($"/api/v1/admin/cohorts/{bare}/surveys/analytics?consentingOnly=maybe", Ct);

        Assert.Contains("nope-0000", (await AssertProblemAsync(unknown, HttpStatusCode.NotFound)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        await AssertProblemAsync(unknownComparison, HttpStatusCode.NotFound);
        var problem = await AssertProblemAsync(noSurveys, HttpStatusCode.Conflict);
        Assert.Equal("surveys", problem.GetProperty("field").GetString());
        Assert.Contains($"/api/v1/admin/cohorts/{bare}/surveys", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await AssertProblemAsync(noSurveysComparison, HttpStatusCode.Conflict);
        await AssertProblemAsync(badFlag, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Comparison_OnlyCohortOfItsScenario_OneColumn()
    {
        var scenario = await NewScenarioAsync();
        var cohort = await SeededCohortAsync(scenario);
        await platform.CreateCohortAsync(scenario); // the same scenario without surveys: not compared
        using var admin = platform.Admin();

        var comparison = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/cohorts/{cohort}/surveys/analytics/comparison", Ct);

        var column = Assert.Single(comparison.GetProperty("cohorts").EnumerateArray());
        Assert.Equal((scenario, cohort, Both), (comparison.GetProperty("scenarioId").GetString(), column.GetProperty("cohortId").GetString(), Int(column, "analyzed")));
    }

    [Fact]
    public async Task Comparison_TwoCohortsOfTheScenario_SideBySideWithTheirChanges()
    {
        var scenario = await NewScenarioAsync();
        var first = await SeededCohortAsync(scenario);
        var second = await SeededCohortAsync(scenario, answering: 12);
        using var admin = platform.Admin();

        var comparison = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/cohorts/{first}/surveys/analytics/comparison", Ct);

        var columns = comparison.GetProperty("cohorts").EnumerateArray().ToList();
        Assert.Equal([first, second], columns.Select(c => c.GetProperty("cohortId").GetString()));
        Assert.Equal([Both, 12], columns.Select(c => Int(c, "analyzed")));
        var expected = SurveyStatistics.Paired([.. Students(12).Select(i => (double)PreRating(i))], [.. Students(12).Select(i => (double)PostRating(i))]);
        var serving = Assert.Single(columns[1].GetProperty("competences").EnumerateArray(), c => c.GetProperty("id").GetString() == "serving");
        Assert.Equal(expected.Low!.Value, serving.GetProperty("low").GetDouble(), Precision);
        Assert.Equal(expected.High!.Value, serving.GetProperty("high").GetDouble(), Precision);
    }

    /// <summary>
    /// A cohort of 40 students with the built-in instrument as pre- and post-survey: the first <paramref name="answering"/>
    /// answered both, the next 5 only the pre, the next 3 only the post; s39 nothing; s38 answered both and was removed;
    /// students with an even number consent. Answers go straight to the cohort's shards, where submissions land.
    /// </summary>
    private async Task<string> SeededCohortAsync(string scenarioId = "card-fraud", int answering = Both)
    {
        var cohort = await platform.CreateCohortAsync(scenarioId);
        await platform.EnrollAsync(cohort, [.. Students(40).Select(Id)]);
        using var admin = platform.Admin();
        var now = DateTimeOffset.UtcNow;
        (await admin.PutAsJsonAsync($"/api/v1/admin/cohorts/{cohort}/surveys", new
        {
            pre = new { instrumentId = "mlops-skills", version = 1, opensAt = now.AddMinutes(-1), closesAt = now.AddMinutes(9) },
            post = new { instrumentId = "mlops-skills", version = 1, opensAt = now.AddMinutes(10), closesAt = now.AddMinutes(40) },
        }, Ct)).EnsureSuccessStatusCode();
        (await admin.DeleteAsync($"/api/v1/admin/cohorts/{cohort}/students/{Removed}", Ct)).EnsureSuccessStatusCode();
        var grains = platform.Services.GetRequiredService<IGrainFactory>();
        await Task.WhenAll(Students(40).Select(async i =>
        {
            var shard = grains.GetGrain<ISurveyShardGrain>(SurveyShards.KeyOf(cohort, Id(i)));
            var answersPre = i < answering + PreOnly || Id(i) == Removed;
            var answersPost = i < answering || i >= answering + PreOnly && i < answering + PreOnly + PostOnly || Id(i) == Removed;
            if (answersPre)
            {
                await shard.SubmitAsync(Id(i), SurveyKind.Pre, Submission(Answers(i, pre: true)));
            }

            if (answersPost)
            {
                await shard.SubmitAsync(Id(i), SurveyKind.Post, Submission(i < answering || Id(i) == Removed ? Answers(i, pre: false) : Answers(i, pre: false, rating: 3)));
            }

            await shard.SetConsentAsync(Id(i), given: i % 2 == 0);
        }));
        return cohort;
    }

    private async Task<string> NewScenarioAsync()
    {
        using var admin = platform.Admin();
        var upload = await admin.PostAsync("/api/v1/admin/scenarios", new StringContent("template: taxi-fares", Encoding.UTF8, "application/yaml"), Ct);
        upload.EnsureSuccessStatusCode();
        return (await upload.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
    }

    private static IEnumerable<int> Students(int count) => Enumerable.Range(0, count);

    private static string Id(int i) => $"s{i:00}";

    private static int PreRating(int i) => Id(i) == Removed ? 5 : 1 + i % 3;

    private static int PostRating(int i) => Id(i) == Removed ? 1 : Math.Min(5, PreRating(i) + (i % 4 == 0 ? 2 : 1));

    private static string RatingOf(string competence) =>
        Skills.Sections.SelectMany(s => s.Items).First(i => i.Kind == SurveyItemKind.Likert && i.Competence == competence).Id;

    /// <summary>Every required item: the student's rating; before, single-choice questions right only for odd students.</summary>
    private static ImmutableArray<SurveyAnswer> Answers(int i, bool pre, int? rating = null) =>
    [
        .. Skills.Sections.SelectMany(s => s.Items).Where(item => item.Required).Select(item => item.Kind switch
        {
            SurveyItemKind.Likert => new SurveyAnswer(item.Id, rating ?? (pre ? PreRating(i) : PostRating(i)), null, null),
            SurveyItemKind.Single => new SurveyAnswer(item.Id, !pre || i % 2 == 1 ? item.Key[0] : (item.Key[0] + 1) % item.Options.Length, null, null),
            _ => new SurveyAnswer(item.Id, null, item.Key, null),
        }),
    ];

    private static SurveySubmission Submission(ImmutableArray<SurveyAnswer> answers) => new("mlops-skills", 1, DateTimeOffset.UtcNow, answers);

    private static int Int(JsonElement element, string name) => element.GetProperty(name).GetInt32();

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }
}
