using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PPipe.Api.Tests.Infrastructure;

namespace PPipe.Api.Tests.Incidents;

/// <summary>
/// Incident reports over real HTTP. Cohorts run a scenario day a minute and start 10.3 days ago, so the tests run around
/// day 11: the api outage at 5d and the schema change at 8d are over, the concept drift at 11d is still to come.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class IncidentApiTests(ApiPlatform platform)
{
    private const string Spec = """
        template: taxi-fares
        duration: 20d
        drift:
          - {at: 11d, kind: concept, mode: abrupt, effects: {base: 4}}
        quirks:
          - {at: 8d, kind: renameColumn, column: passenger_count, to: passengers}
          - {at: 5d, kind: outage, channel: api, for: 8h}
        monitoring: {reportsPerDay: 3}
        grading: {criteria: {acquisition: 1, monitoring: 1}}
        """;

    private static readonly TimeSpan StartedAgo = TimeSpan.FromDays(10.3) / 1440;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Post_ValidReport_201WithTheReportAsKept_ListedByGet_NeverWhetherItMatched()
    {
        using var student = await StudentAsync();
        var me = await student.Http.GetFromJsonAsync<JsonElement>("/api/v1/me", Ct);
        var startsAt = me.GetProperty("clock").GetProperty("startsAt").GetDateTimeOffset();

        var post = await student.Http.PostAsJsonAsync("/api/v1/incidents", new
        {
            kind = "data-quality",
            features = new[] { "passengers" },
            beganAt = startsAt + TimeSpan.FromDays(8),
            summary = "passenger_count is gone from the releases; a passengers column came instead.",
        }, Ct);
        var text = await post.Content.ReadAsStringAsync(Ct);
        var list = await student.Http.GetFromJsonAsync<JsonElement>("/api/v1/incidents", Ct);

        Assert.Equal(HttpStatusCode.Created, post.StatusCode);
        var receipt = JsonDocument.Parse(text).RootElement;
        Assert.Equal(("inc-0001", "data-quality", 2), (receipt.GetProperty("incident").GetProperty("id").GetString(),
            receipt.GetProperty("incident").GetProperty("kind").GetString(), receipt.GetProperty("remainingToday").GetInt32()));
        Assert.Equal(startsAt + TimeSpan.FromDays(8), receipt.GetProperty("incident").GetProperty("beganAt").GetDateTimeOffset());
        Assert.DoesNotContain("match", text, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(["inc-0001"], list.GetProperty("reports").EnumerateArray().Select(r => r.GetProperty("id").GetString()));
        Assert.Equal((1, 3), (list.GetProperty("filed").GetInt32(), list.GetProperty("reportsPerDay").GetInt32()));
        Assert.DoesNotContain("match", list.GetRawText(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Post_ReportOfTheDriftStillToCome_AnsweredAndGradedExactlyLikeAReportOfNothing()
    {
        using var early = await StudentAsync();
        using var wrong = await StudentAsync();

        var earlyPost = await early.Http.PostAsJsonAsync("/api/v1/incidents", await DriftReportAsync(early, beganNow: true), Ct);
        var wrongPost = await wrong.Http.PostAsJsonAsync("/api/v1/incidents", await DriftReportAsync(wrong, beganNow: false), Ct);
        var earlyGrade = Monitoring(await early.Http.GetFromJsonAsync<JsonElement>("/api/v1/grade", Ct));
        var wrongGrade = Monitoring(await wrong.Http.GetFromJsonAsync<JsonElement>("/api/v1/grade", Ct));

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (earlyPost.StatusCode, wrongPost.StatusCode));
        Assert.Equal(Keys(await wrongPost.Content.ReadFromJsonAsync<JsonElement>(Ct)), Keys(await earlyPost.Content.ReadFromJsonAsync<JsonElement>(Ct)));
        Assert.Equal(wrongGrade.GetRawText(), earlyGrade.GetRawText());
        Assert.DoesNotContain("day 12", earlyGrade.GetProperty("feedback").GetString(), StringComparison.Ordinal);
        Assert.Contains("The schema change on day 9 went unreported.", earlyGrade.GetProperty("feedback").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_EveryFieldWrong_One422NamingEach_NothingFiled()
    {
        using var student = await StudentAsync();

        var post = await student.Http.PostAsJsonAsync("/api/v1/incidents", new
        {
            kind = "weather",
            features = Enumerable.Range(0, 21).Select(i => $"f{i}").ToArray(),
            channel = "ftp",
            beganAt = DateTimeOffset.UtcNow - TimeSpan.FromDays(30),
        }, Ct);
        var problem = await post.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var list = await student.Http.GetFromJsonAsync<JsonElement>("/api/v1/incidents", Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, post.StatusCode);
        Assert.Equal("application/problem+json", post.Content.Headers.ContentType?.MediaType);
        var errors = problem.GetProperty("errors");
        Assert.Equal(["beganAt", "channel", "features", "kind", "summary"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Contains("the kinds are drift, data-quality, outage, other", errors.GetProperty("kind")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("is before the scenario's start", errors.GetProperty("beganAt")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(0, list.GetProperty("filed").GetInt32());
    }

    [Fact]
    public async Task Post_BeganAfterTheCurrentScenarioTime_422NamingBeganAt()
    {
        using var student = await StudentAsync();
        var me = await student.Http.GetFromJsonAsync<JsonElement>("/api/v1/me", Ct);
        var scenarioNow = me.GetProperty("clock").GetProperty("scenarioNow").GetDateTimeOffset();

        var post = await student.Http.PostAsJsonAsync("/api/v1/incidents",
            new { kind = "drift", beganAt = scenarioNow + TimeSpan.FromDays(1), summary = "will it drift?" }, Ct);
        var problem = await post.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, post.StatusCode);
        Assert.Contains("is after the current scenario time", problem.GetProperty("errors").GetProperty("beganAt")[0].GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"kind\": \"drift\", \"beganAt\": \"yesterday\", \"summary\": \"x\"}", "beganAt")]
    [InlineData("{\"kind\": \"drift\", \"features\": \"distance_km\", \"summary\": \"x\"}", "features")]
    [InlineData("{\"kind\": drift}", "body")]
    public async Task Post_UnreadableBody_400NamingTheField(string body, string field)
    {
        using var student = await StudentAsync();

        var post = await student.Http.PostAsync("/api/v1/incidents", new StringContent(body, Encoding.UTF8, "application/json"), Ct);
        var problem = await post.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
    }

    [Fact]
    public async Task Post_BodyOver16KiB_413Problem()
    {
        using var student = await StudentAsync();

        var post = await student.Http.PostAsJsonAsync("/api/v1/incidents", new { kind = "other", summary = new string('x', 20_000) }, Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, post.StatusCode);
        Assert.Equal("application/problem+json", post.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Post_SummaryOverTheLimit_422NamingSummary()
    {
        using var student = await StudentAsync();
        var me = await student.Http.GetFromJsonAsync<JsonElement>("/api/v1/me", Ct);

        var post = await student.Http.PostAsJsonAsync("/api/v1/incidents",
            new { kind = "other", beganAt = me.GetProperty("clock").GetProperty("startsAt").GetDateTimeOffset(), summary = new string('x', 2_001) }, Ct);
        var problem = await post.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, post.StatusCode);
        Assert.Equal("A summary is at most 2000 characters; this one has 2001.", problem.GetProperty("errors").GetProperty("summary")[0].GetString());
    }

    [Fact]
    public async Task Post_PastTheDaysLimit_429WithRetryAfter_CountedAsRefused()
    {
        using var student = await StudentAsync();
        var me = await student.Http.GetFromJsonAsync<JsonElement>("/api/v1/me", Ct);
        var body = new { kind = "other", beganAt = me.GetProperty("clock").GetProperty("startsAt").GetDateTimeOffset(), summary = "note" };

        for (var i = 0; i < 3; i++)
        {
            (await student.Http.PostAsJsonAsync("/api/v1/incidents", body, Ct)).EnsureSuccessStatusCode();
        }

        var refused = await student.Http.PostAsJsonAsync("/api/v1/incidents", body, Ct);
        var list = await student.Http.GetFromJsonAsync<JsonElement>("/api/v1/incidents", Ct);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.InRange(refused.Headers.RetryAfter?.Delta?.TotalSeconds ?? 0, 1, 60);
        Assert.Equal((3, 1), (list.GetProperty("filed").GetInt32(), list.GetProperty("refused").GetInt32()));
    }

    [Fact]
    public async Task Put_Postmortem_UnknownOutage404_EmptyOne422()
    {
        using var student = await StudentAsync();

        var unknown = await student.Http.PutAsJsonAsync("/api/v1/incidents/outages/1/postmortem", new { postmortem = "It crashed." }, Ct);
        var empty = await student.Http.PutAsJsonAsync("/api/v1/incidents/outages/1/postmortem", new { postmortem = " " }, Ct);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.StatusCode);
        Assert.True((await empty.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("postmortem", out _));
    }

    [Fact]
    public async Task Post_NullBody_422NamingTheBody()
    {
        using var student = await StudentAsync();

        var post = await student.Http.PostAsync("/api/v1/incidents", new StringContent("null", Encoding.UTF8, "application/json"), Ct);
        var problem = await post.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, post.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("body", out _), problem.GetRawText());
    }

    [Theory]
    [InlineData("")]
    [InlineData("a_column_name_far_too_long_to_be_one_a_column_name_far_too_long_to_be_one_a_column_name_far_too_long_to_be_one")]
    public async Task Post_OneBadFeature_422NamingThatFeature(string feature)
    {
        using var student = await StudentAsync();
        var me = await student.Http.GetFromJsonAsync<JsonElement>("/api/v1/me", Ct);

        var post = await student.Http.PostAsJsonAsync("/api/v1/incidents", new
        {
            kind = "drift",
            features = new[] { "distance_km", feature },
            beganAt = me.GetProperty("clock").GetProperty("startsAt").GetDateTimeOffset(),
            summary = "x",
        }, Ct);
        var problem = await post.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, post.StatusCode);
        Assert.Equal(["features[1]"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }

    [Fact]
    public async Task Put_PostmortemOverTheLimit422_BodyOver16KiB413()
    {
        using var student = await StudentAsync();

        var tooLong = await student.Http.PutAsJsonAsync("/api/v1/incidents/outages/1/postmortem", new { postmortem = new string('x', 4_001) }, Ct);
        var tooBig = await student.Http.PutAsJsonAsync("/api/v1/incidents/outages/1/postmortem", new { postmortem = new string('x', 20_000) }, Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooLong.StatusCode);
        Assert.Equal("A postmortem is at most 4000 characters; this one has 4001.",
            (await tooLong.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").GetProperty("postmortem")[0].GetString());
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBig.StatusCode);
        Assert.Equal("application/problem+json", tooBig.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Routes_WithoutAToken_401()
    {
        using var anonymous = platform.Anonymous();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/incidents", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/v1/incidents", new { kind = "other" }, Ct)).StatusCode);
    }

    [Fact]
    public async Task GradesCsv_MonitoringScenario_HasTheMonitoringColumns()
    {
        using var student = await StudentAsync();
        using var admin = platform.Admin();

        var csv = await admin.GetStringAsync($"/api/v1/admin/cohorts/{student.CohortId}/grades.csv", Ct);

        Assert.Contains("monitoringScore,monitoringLevel,monitoringFeedback", csv.Split('\n')[0], StringComparison.Ordinal);
    }

    /// <summary>A drift report that began now (within the window of the drift at 11d), or on day 2 (near no event).</summary>
    private static async Task<object> DriftReportAsync(Student student, bool beganNow)
    {
        var clock = (await student.Http.GetFromJsonAsync<JsonElement>("/api/v1/me", Ct)).GetProperty("clock");
        var beganAt = beganNow ? clock.GetProperty("scenarioNow").GetDateTimeOffset() : clock.GetProperty("startsAt").GetDateTimeOffset() + TimeSpan.FromDays(1);
        return new { kind = "drift", features = new[] { "base" }, beganAt, summary = "the fares look off" };
    }

    private static JsonElement Monitoring(JsonElement grade) =>
        grade.GetProperty("criteria").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "monitoring");

    private static IEnumerable<string> Keys(JsonElement receipt) =>
        receipt.EnumerateObject().Select(p => p.Name).Concat(receipt.GetProperty("incident").EnumerateObject().Select(p => "incident." + p.Name));

    private async Task<Student> StudentAsync()
    {
        using var admin = platform.Admin();
        var upload = await admin.PostAsync("/api/v1/admin/scenarios", new StringContent(Spec, Encoding.UTF8, "application/yaml"), Ct);
        upload.EnsureSuccessStatusCode();
        var scenarioId = (await upload.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
        var cohortId = await platform.CreateCohortAsync(scenarioId, StartedAgo);
        var id = "s" + Guid.NewGuid().ToString("N")[..8];
        var tokens = await platform.EnrollAsync(cohortId, id);
        return new Student(cohortId, platform.Student(tokens[0]));
    }

    private sealed record Student(string CohortId, HttpClient Http) : IDisposable
    {
        public void Dispose() => Http.Dispose();
    }
}
