using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PPipe.Api.Tests.Infrastructure;
using PPipe.Scenarios.Surveys;

namespace PPipe.Api.Tests.Surveys;

/// <summary>
/// Surveys over HTTP: instruments uploaded, listed and refused with their problems' paths; a cohort's pre- and post-survey attached
/// with checked windows; students answering, saving drafts and submitting once; consent given and withdrawn; and every bad
/// request a problem naming its field with nothing stored.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class SurveyApiTests(ApiPlatform platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task UploadInstrument_NewSameAndChanged_201Then200Then409AndListedWithTheBuiltIn()
    {
        using var admin = platform.Admin();
        var id = NewId();

        var created = await UploadAsync(admin, Spec(id, 1, "Check"));
        var same = await UploadAsync(admin, Spec(id, 1, "Check"));
        var changed = await UploadAsync(admin, Spec(id, 1, "Changed"));
        var builtIn = await UploadAsync(admin, Spec("mlops-skills", 2, "Mine"));
        var list = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/surveys/instruments?pageSize=100", Ct);
        var versions = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/surveys/instruments/{id}", Ct);
        var text = await admin.GetStringAsync($"/api/v1/admin/surveys/instruments/{id}/versions/1", Ct);
        var builtInText = await admin.GetStringAsync("/api/v1/admin/surveys/instruments/mlops-skills/versions/1", Ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/api/v1/admin/surveys/instruments/{id}/versions/1", created.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        await AssertProblemAsync(changed, HttpStatusCode.Conflict);
        await AssertProblemAsync(builtIn, HttpStatusCode.Conflict);
        var entries = list.GetProperty("instruments").EnumerateArray().ToList();
        Assert.Equal(("mlops-skills", true, 1), (entries[0].GetProperty("id").GetString(), entries[0].GetProperty("builtIn").GetBoolean(), entries[0].GetProperty("latestVersion").GetInt32()));
        Assert.Contains(entries, e => e.GetProperty("id").GetString() == id && !e.GetProperty("builtIn").GetBoolean());
        Assert.Equal([1], versions.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("version").GetInt32()));
        Assert.Equal(Spec(id, 1, "Check"), text);
        Assert.StartsWith("# The built-in instrument", builtInText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UploadInstrument_Invalid_422ListsEveryProblemWithItsPath()
    {
        using var admin = platform.Admin();
        var id = NewId();

        var response = await UploadAsync(admin, $"id: {id}\nversion: one\ntitle: T\nsections:\n  - id: s\n    title: S\n    items:\n      - {{id: q, kind: single, text: Q, options: [a, b], answer: 3}}\n");
        var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        var wrongType = await admin.PostAsync("/api/v1/admin/surveys/instruments", new StringContent("x", Encoding.UTF8, "text/csv"), Ct);

        Assert.Equal(["version", "sections[0].items[0].answer"], problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrongType.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/admin/surveys/instruments/{id}", Ct)).StatusCode);
    }

    [Fact]
    public async Task SetSurveys_BadWindowsAndUnknownInstrument_422NamesEachFieldAndNothingChanges()
    {
        var cohort = await platform.CreateCohortAsync();
        using var admin = platform.Admin();
        var now = DateTimeOffset.UtcNow;

        var response = await admin.PutAsJsonAsync($"/api/v1/admin/cohorts/{cohort}/surveys", new
        {
            pre = new { instrumentId = "mlops-skills", version = 7, opensAt = now.AddHours(1), closesAt = now },
            post = new { instrumentId = "mlops-skills", version = 1, opensAt = now.AddMinutes(-10), closesAt = now.AddDays(-1) },
        }, Ct);
        var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        var unknownInstrument = await admin.PutAsJsonAsync($"/api/v1/admin/cohorts/{cohort}/surveys", new
        {
            pre = new { instrumentId = "mlops-skills", version = 7, opensAt = now, closesAt = now.AddMinutes(5) },
        }, Ct);
        var unknownProblem = await AssertProblemAsync(unknownInstrument, HttpStatusCode.UnprocessableEntity);
        var noCohort = await admin.PutAsJsonAsync("/api/v1/admin/cohorts/c-000000000000/surveys", new { }, Ct);
        var settings = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/cohorts/{cohort}/surveys", Ct);

        Assert.Equal(["post.closesAt", "pre.closesAt"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["pre.version"], unknownProblem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        await AssertProblemAsync(noCohort, HttpStatusCode.NotFound);
        Assert.Equal(JsonValueKind.Null, settings.GetProperty("pre").ValueKind);
        Assert.Equal(JsonValueKind.Null, settings.GetProperty("post").ValueKind);
    }

    [Fact]
    public async Task Student_AnswersDraftsAndSubmitsThePreSurveyOnce_AndThePostIsNotOpenYet()
    {
        var (cohort, student) = await CohortWithSurveysAsync("answering-1");
        using var admin = platform.Admin();

        var list = await student.GetFromJsonAsync<JsonElement>("/api/v1/surveys", Ct);
        var pre = await student.GetFromJsonAsync<JsonElement>("/api/v1/surveys/pre", Ct);
        var draft = await student.PutAsJsonAsync("/api/v1/surveys/pre/draft", new { answers = new Dictionary<string, object> { ["serving-rating"] = 4, ["quality-checks"] = new[] { 3, 0 } } }, Ct);
        var afterDraft = await student.GetFromJsonAsync<JsonElement>("/api/v1/surveys/pre", Ct);
        var submitted = await student.PostAsJsonAsync("/api/v1/surveys/pre/submit", new { answers = Complete() }, Ct);
        var again = await student.PostAsJsonAsync("/api/v1/surveys/pre/submit", new { answers = Complete() }, Ct);
        var draftAfter = await student.PutAsJsonAsync("/api/v1/surveys/pre/draft", new { answers = Complete() }, Ct);
        var post = await student.PutAsJsonAsync("/api/v1/surveys/post/draft", new { answers = Complete() }, Ct);
        var postSubmit = await student.PostAsJsonAsync("/api/v1/surveys/post/submit", new { answers = Complete() }, Ct);
        var unknown = await student.GetAsync("/api/v1/surveys/during", Ct);
        var settings = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/cohorts/{cohort}/surveys", Ct);

        Assert.Equal([("pre", "open", "notStarted"), ("post", "upcoming", "notStarted")], list.GetProperty("surveys").EnumerateArray()
            .Select(s => (s.GetProperty("kind").GetString(), s.GetProperty("status").GetString(), s.GetProperty("progress").GetString())));
        Assert.Equal("notAsked", list.GetProperty("consent").GetProperty("status").GetString());
        var items = pre.GetProperty("instrument").GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("items").EnumerateArray()).ToList();
        Assert.Equal(BuiltInInstruments.MlopsSkills.Items.Count, items.Count);
        Assert.All(items, item => Assert.DoesNotContain(item.EnumerateObject(), p => p.Name is "answer" or "key"));
        Assert.Equal(["id", "kind", "text", "competence", "required", "scale", "options", "maxLength"], items[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(HttpStatusCode.OK, draft.StatusCode);
        Assert.Equal("draft", afterDraft.GetProperty("survey").GetProperty("progress").GetString());
        Assert.Equal("""{"serving-rating":4,"quality-checks":[0,3]}""", afterDraft.GetProperty("answers").GetRawText());
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        Assert.Equal("submitted", (await submitted.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("progress").GetString());
        var second = await AssertProblemAsync(again, HttpStatusCode.Conflict);
        Assert.StartsWith("You submitted the pre-survey at ", second.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await AssertProblemAsync(draftAfter, HttpStatusCode.Conflict);
        var notOpen = await AssertProblemAsync(post, HttpStatusCode.Conflict);
        Assert.StartsWith("The post-survey opens at ", notOpen.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await AssertProblemAsync(postSubmit, HttpStatusCode.Conflict);
        await AssertProblemAsync(unknown, HttpStatusCode.NotFound);
        Assert.Equal(1, settings.GetProperty("responses").GetProperty("preSubmitted").GetInt32());
        Assert.Equal(0, settings.GetProperty("responses").GetProperty("postSubmitted").GetInt32());
        Assert.Equal(1, settings.GetProperty("responses").GetProperty("enrolled").GetInt32());
        Assert.True(settings.GetProperty("pre").GetProperty("opened").GetBoolean());
    }

    [Fact]
    public async Task Student_BadAnswers_422NamesEachFieldAndNothingIsStored()
    {
        var (_, student) = await CohortWithSurveysAsync("answering-2");

        var wrongShapes = await student.PutAsync("/api/v1/surveys/pre/draft", new StringContent(
            """{"answers": {"serving-rating": true, "serving-latency": 1.5, "quality-checks": ["a"], "reflection-wish": {"x": 1}}}""",
            Encoding.UTF8, "application/json"), Ct);
        var outOfRange = await student.PutAsJsonAsync("/api/v1/surveys/pre/draft",
            new { answers = new Dictionary<string, object> { ["serving-rating"] = 6, ["nope"] = 1, ["reflection-hardest"] = 3 } }, Ct);
        var incomplete = await student.PostAsJsonAsync("/api/v1/surveys/pre/submit", new { answers = new Dictionary<string, object> { ["serving-rating"] = 3 } }, Ct);
        var noBody = await student.PutAsJsonAsync("/api/v1/surveys/pre/draft", new { }, Ct);
        var state = await student.GetFromJsonAsync<JsonElement>("/api/v1/surveys/pre", Ct);

        var shapes = await AssertProblemAsync(wrongShapes, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["answers.quality-checks", "answers.reflection-wish", "answers.serving-latency", "answers.serving-rating"],
            shapes.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal("expected a whole number, a list of whole numbers or text, got 1.5, which is not a whole number",
            shapes.GetProperty("errors").GetProperty("answers.serving-latency")[0].GetString());
        var range = await AssertProblemAsync(outOfRange, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("6 is off the scale; give a whole number from 1 to 5", range.GetProperty("errors").GetProperty("answers.serving-rating")[0].GetString());
        Assert.StartsWith("there is no item 'nope'", range.GetProperty("errors").GetProperty("answers.nope")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("this question takes text", range.GetProperty("errors").GetProperty("answers.reflection-hardest")[0].GetString());
        var missing = await AssertProblemAsync(incomplete, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(Complete().Count - 1, missing.GetProperty("errors").EnumerateObject().Count());
        Assert.Equal(["answers"], (await AssertProblemAsync(noBody, HttpStatusCode.UnprocessableEntity)).GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal("notStarted", state.GetProperty("survey").GetProperty("progress").GetString());
        Assert.Equal("{}", state.GetProperty("answers").GetRawText());
    }

    [Fact]
    public async Task Consent_GivenThenWithdrawn_ShownToTheStudentAndCountedForTheInstructor()
    {
        var (cohort, student) = await CohortWithSurveysAsync("consenting-1");
        using var admin = platform.Admin();

        var before = await student.GetFromJsonAsync<JsonElement>("/api/v1/consent", Ct);
        var given = await student.PutAsJsonAsync("/api/v1/consent", new { given = true }, Ct);
        var counted = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/cohorts/{cohort}/surveys", Ct);
        var withdrawn = await student.PutAsJsonAsync("/api/v1/consent", new { given = false }, Ct);
        var bad = await student.PutAsJsonAsync("/api/v1/consent", new { }, Ct);
        var after = await student.GetFromJsonAsync<JsonElement>("/api/v1/consent", Ct);
        var recounted = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/cohorts/{cohort}/surveys", Ct);

        Assert.Equal("notAsked", before.GetProperty("status").GetString());
        Assert.Contains("withdraw at any time", before.GetProperty("explanation").GetString(), StringComparison.Ordinal);
        Assert.Equal("given", (await given.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("status").GetString());
        Assert.Equal(1, counted.GetProperty("responses").GetProperty("consenting").GetInt32());
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        Assert.Equal(["given"], (await AssertProblemAsync(bad, HttpStatusCode.UnprocessableEntity)).GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal("withdrawn", after.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.String, after.GetProperty("firstGivenAt").ValueKind);
        Assert.Equal((0, 1), (recounted.GetProperty("responses").GetProperty("consenting").GetInt32(), recounted.GetProperty("responses").GetProperty("withdrawn").GetInt32()));
    }

    [Fact]
    public async Task SetSurveys_AfterThePreSurveyOpened_409AndUnchanged()
    {
        var (cohort, _) = await CohortWithSurveysAsync("changing-1");
        using var admin = platform.Admin();
        var now = DateTimeOffset.UtcNow;

        var response = await admin.PutAsJsonAsync($"/api/v1/admin/cohorts/{cohort}/surveys", new
        {
            pre = new { instrumentId = "mlops-skills", version = 1, opensAt = now.AddMinutes(1), closesAt = now.AddMinutes(5) },
        }, Ct);
        var settings = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/cohorts/{cohort}/surveys", Ct);

        var problem = await AssertProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Equal("pre", problem.GetProperty("field").GetString());
        Assert.Equal(JsonValueKind.Object, settings.GetProperty("post").ValueKind);
        Assert.True(settings.GetProperty("pre").GetProperty("opensAt").GetDateTimeOffset() < now);
    }

    /// <summary>A cohort started now, one student, the pre-survey open since a minute ago and the post-survey opening in ten.</summary>
    private async Task<(string Cohort, HttpClient Student)> CohortWithSurveysAsync(string studentId)
    {
        var cohort = await platform.CreateCohortAsync();
        var tokens = await platform.EnrollAsync(cohort, studentId);
        using var admin = platform.Admin();
        var now = DateTimeOffset.UtcNow;
        var response = await admin.PutAsJsonAsync($"/api/v1/admin/cohorts/{cohort}/surveys", new
        {
            pre = new { instrumentId = "mlops-skills", version = 1, opensAt = now.AddMinutes(-1), closesAt = now.AddMinutes(9) },
            post = new { instrumentId = "mlops-skills", version = 1, opensAt = now.AddMinutes(10), closesAt = now.AddMinutes(40) },
        }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (cohort, platform.Student(tokens[0]));
    }

    /// <summary>Every required item of the built-in instrument answered.</summary>
    private static Dictionary<string, object> Complete() => BuiltInInstruments.MlopsSkills.Sections.SelectMany(s => s.Items).Where(i => i.Required)
        .ToDictionary(i => i.Id, i => i.Kind switch
        {
            SurveyItemKind.Likert => 3,
            SurveyItemKind.Single => (object)1,
            _ => new[] { 0, 1 },
        });

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private static Task<HttpResponseMessage> UploadAsync(HttpClient admin, string spec) =>
        admin.PostAsync("/api/v1/admin/surveys/instruments", new StringContent(spec, Encoding.UTF8, "application/yaml"), Ct);

    private static string NewId() => "api-test-" + Guid.NewGuid().ToString("N")[..8];

    private static string Spec(string id, int version, string title) =>
        $"id: {id}\nversion: {version}\ntitle: {title}\nsections: [{{id: s, title: S, items: [{{id: a, kind: text, text: Why?}}]}}]\n";
}
