using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PPipe.TestSupport;

namespace PPipe.Integration.Tests.Assessment;

/// <summary>
/// Submissions, probes, grades and the instructors' grade views over real HTTP in embedded mode. Cohorts run
/// taxi-fares at speed 1440 (a scenario day is a wall minute): batch n opens at n days, is due 12 h later and
/// takes late work for 12 h more with a 25% penalty; at most 3 submissions; probes hourly from day 3.
/// </summary>
public sealed class AssessmentApiTests(AssessmentPlatform platform) : IClassFixture<AssessmentPlatform>
{
    private static readonly TimeSpan ScenarioDay = TimeSpan.FromMinutes(1);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Submit_ValidCsvWhileOpen_202ThenScoredAfterTheDueTime()
    {
        using var admin = Admin();
        // Batch 1 is open and due in 8 s.
        using var student = Student(await EnrollAsync(admin, await CohortAsync(admin, ScenarioDay * 1.5 - TimeSpan.FromSeconds(8))));

        var response = await student.PostAsync("/api/v1/batches/1/predictions", await PredictionsCsvAsync(student, 1, "15.0"), Ct);
        var receipt = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var scored = await Eventually.ReturnsAsync(() => BatchAsync(student, 1), b => b.GetProperty("status").GetString() == "scored", "batch 1 to be scored",
            TimeSpan.FromSeconds(40), cancellationToken: TestContext.Current.CancellationToken);
        var grade = await student.GetFromJsonAsync<JsonElement>("/api/v1/grade", Ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.False(receipt.GetProperty("late").GetBoolean());
        Assert.Equal(2, receipt.GetProperty("remaining").GetInt32());
        Assert.Equal("2", response.Headers.GetValues("X-Submissions-Remaining").Single());
        Assert.Equal(500, receipt.GetProperty("rows").GetInt32());
        Assert.StartsWith("sub-0001-", receipt.GetProperty("submissionId").GetString());
        Assert.Equal(1, scored.GetProperty("submissions").GetInt32());
        Assert.True(scored.GetProperty("score").GetDouble() > 0, "an RMSE is positive");
        Assert.InRange(scored.GetProperty("relativeScore").GetDouble(), 0, 1);
        // Punctuality is judged at the due time; batch quality only once the labels are out (12 h later).
        Assert.Equal(1.0, Criterion(grade, "punctuality").GetProperty("score").GetDouble(), 3);
        Assert.Equal(JsonValueKind.Null, Criterion(grade, "batchQuality").GetProperty("score").ValueKind);
        Assert.Contains(grade.GetProperty("overall").GetProperty("level").GetString(), new[] { "NotYetProficient", "Proficient", "Advanced", "Expert" });
    }

    [Fact]
    public async Task Submit_BadRows_422NamesEachRowAndNothingCounts()
    {
        using var admin = Admin();
        using var student = Student(await EnrollAsync(admin, await CohortAsync(admin, ScenarioDay * 1.2)));
        var ids = await BatchIdsAsync(student, 1);
        var body = new StringBuilder("id,prediction\n")
            .Append(ids[0]).Append(",12.5\n")
            .Append(ids[0]).Append(",13\n")
            .Append("b0001-999999,1\n")
            .Append(ids[1]).Append(",NaN\n");

        var response = await student.PostAsync("/api/v1/batches/1/predictions", new StringContent(body.ToString(), Encoding.UTF8, "text/csv"), Ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var errors = problem.GetProperty("errors").EnumerateArray().ToList();
        var batch = await BatchAsync(student, 1);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(errors, e => e.GetProperty("row").ValueKind == JsonValueKind.Number && e.GetProperty("row").GetInt32() == 2 && e.GetProperty("field").GetString() == "id");
        Assert.Contains(errors, e => e.GetProperty("id").GetString() == "b0001-999999");
        Assert.Contains(errors, e => e.GetProperty("field").GetString() == "prediction");
        Assert.Contains(errors, e => e.GetProperty("message").GetString()!.Contains("have no prediction", StringComparison.Ordinal));
        Assert.Equal(3, problem.GetProperty("remaining").GetInt32());
        Assert.Equal(0, batch.GetProperty("submissions").GetInt32());
    }

    [Fact]
    public async Task Submit_WrongContentTypeNotOpenOrOverTheLimit_415Then409Then429()
    {
        using var admin = Admin();
        using var student = Student(await EnrollAsync(admin, await CohortAsync(admin, ScenarioDay * 1.2)));
        var valid = await PredictionsCsvAsync(student, 1, "20");

        var wrongType = await student.PostAsync("/api/v1/batches/1/predictions", new StringContent("id,prediction\n", Encoding.UTF8, "text/plain"), Ct);
        var notOpen = await student.PostAsync("/api/v1/batches/2/predictions", new StringContent("id,prediction\n", Encoding.UTF8, "text/csv"), Ct);
        var accepted = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            accepted.Add((await student.PostAsync("/api/v1/batches/1/predictions", await CloneAsync(valid), Ct)).StatusCode);
        }

        var overLimit = await student.PostAsync("/api/v1/batches/1/predictions", await CloneAsync(valid), Ct);
        var limitProblem = await overLimit.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrongType.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, notOpen.StatusCode);
        Assert.All(accepted, s => Assert.Equal(HttpStatusCode.Accepted, s));
        Assert.Equal((HttpStatusCode)429, overLimit.StatusCode);
        Assert.Equal(0, limitProblem.GetProperty("remaining").GetInt32());
        Assert.Equal(3, (await BatchAsync(student, 1)).GetProperty("submissions").GetInt32());
    }

    [Fact]
    public async Task Submit_AfterTheDueTimeBeforeTheCutoff_AcceptedAsLate_AndAnExtensionMakesItOnTime()
    {
        using var admin = Admin();
        // Batch 1 was due 10 s ago (12 h of late work are taken after it).
        var cohort = await CohortAsync(admin, ScenarioDay * 1.5 + TimeSpan.FromSeconds(10));
        var lateToken = await EnrollAsync(admin, cohort);
        var extendedToken = await EnrollAsync(admin, cohort, "extended");
        using var late = Student(lateToken);
        using var extended = Student(extendedToken);

        var extension = await admin.PutAsJsonAsync($"/api/v1/admin/cohorts/{cohort}/students/extended/extension", new { extension = "6h" }, Ct);
        var lateReceipt = await (await late.PostAsync("/api/v1/batches/1/predictions", await PredictionsCsvAsync(late, 1, "15"), Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var extendedReceipt = await (await extended.PostAsync("/api/v1/batches/1/predictions", await PredictionsCsvAsync(extended, 1, "15"), Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.OK, extension.StatusCode);
        Assert.True(lateReceipt.GetProperty("late").GetBoolean());
        Assert.False(extendedReceipt.GetProperty("late").GetBoolean());
    }

    [Fact]
    public async Task CohortLatePolicy_RejectOverridesTheScenarioPenalty_LateWork409()
    {
        using var admin = Admin();
        var cohort = await CohortAsync(admin, ScenarioDay * 1.5 + TimeSpan.FromSeconds(10), new { policy = "reject" });
        using var student = Student(await EnrollAsync(admin, cohort));

        var response = await student.PostAsync("/api/v1/batches/1/predictions", await PredictionsCsvAsync(student, 1, "15"), Ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("takes no more work", problem.GetProperty("detail").GetString());
        Assert.Equal(3, problem.GetProperty("remaining").GetInt32());
    }

    [Fact]
    public async Task CohortLatePolicy_Invalid_422NamesTheField()
    {
        using var admin = Admin();

        var response = await admin.PostAsJsonAsync("/api/v1/admin/cohorts", new
        {
            name = "Bad late", scenarioId = "taxi-fares", version = 1, startsAt = DateTimeOffset.UtcNow, speed = 1440,
            late = new { policy = "penalty", penalty = 1.5 },
        }, Ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("late.penalty", out _));
    }

    [Fact]
    public async Task Extension_BadValueOrUnknownStudent_422And404()
    {
        using var admin = Admin();
        var cohort = await CohortAsync(admin, TimeSpan.Zero);

        var bad = await admin.PutAsJsonAsync($"/api/v1/admin/cohorts/{cohort}/students/nobody/extension", new { extension = "soon" }, Ct);
        var unknown = await admin.PutAsJsonAsync($"/api/v1/admin/cohorts/{cohort}/students/nobody/extension", new { extension = "1d" }, Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Endpoint_Registered_VerifiedAtOnceThenProbedOnSchedule()
    {
        await using var model = await ModelEndpoint.StartAsync(Ct);
        model.Answer = ModelEndpoint.Constant(15.0);
        using var admin = Admin();
        // Registered just before day 3, when probes start, every scenario hour (2.5 s).
        using var student = Student(await EnrollAsync(admin, await CohortAsync(admin, ScenarioDay * 2.95)));

        var registration = await student.PutAsJsonAsync("/api/v1/endpoint", new { url = model.Url }, Ct);
        var verified = await registration.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var probes = await Eventually.ReturnsAsync(
            () => student.GetFromJsonAsync<JsonElement>("/api/v1/endpoint/probes?limit=10", Ct),
            p => p.EnumerateArray().Count(x => !x.GetProperty("verification").GetBoolean()) >= 2, "two scheduled probes",
            TimeSpan.FromSeconds(40), cancellationToken: TestContext.Current.CancellationToken);
        var me = await student.GetFromJsonAsync<JsonElement>("/api/v1/me", Ct);
        var grade = await student.GetFromJsonAsync<JsonElement>("/api/v1/grade", Ct);

        Assert.Equal(HttpStatusCode.OK, registration.StatusCode);
        Assert.True(verified.GetProperty("ok").GetBoolean());
        Assert.All(probes.EnumerateArray(), p =>
        {
            Assert.True(p.GetProperty("ok").GetBoolean());
            Assert.Equal(200, p.GetProperty("status").GetInt32());
            Assert.Equal(20, p.GetProperty("rows").GetInt32());
        });
        Assert.True(model.Hits >= 3);
        Assert.Equal("up", me.GetProperty("endpoint").GetProperty("status").GetString());
        Assert.Equal(1.0, Criterion(grade, "endpointAvailability").GetProperty("score").GetDouble(), 3);
    }

    [Fact]
    public async Task Endpoint_ForbiddenOrMalformedUrl_422AndNothingRegistered()
    {
        using var admin = Admin();
        using var student = Student(await EnrollAsync(admin, await CohortAsync(admin, ScenarioDay * 3.2)));

        var metadata = await student.PutAsJsonAsync("/api/v1/endpoint", new { url = "http://169.254.169.254/latest" }, Ct);
        var ftp = await student.PutAsJsonAsync("/api/v1/endpoint", new { url = "ftp://example.org/model" }, Ct);
        var notJson = await student.PutAsync("/api/v1/endpoint", new StringContent("url=x", Encoding.UTF8, "text/plain"), Ct);
        var me = await student.GetFromJsonAsync<JsonElement>("/api/v1/me", Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, metadata.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, ftp.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, notJson.StatusCode);
        Assert.Equal("unregistered", me.GetProperty("endpoint").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Probes_BadLimit_422()
    {
        using var admin = Admin();
        using var student = Student(await EnrollAsync(admin, await CohortAsync(admin, TimeSpan.Zero)));

        var response = await student.GetAsync("/api/v1/endpoint/probes?limit=0", Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
    }

    [Fact]
    public async Task GradesCsv_OneRowPerStudentWithEveryCriterion_AndSummaryCountsLevels()
    {
        using var admin = Admin();
        var cohort = await CohortAsync(admin, ScenarioDay * 2);
        await EnrollAsync(admin, cohort, "a");
        await EnrollAsync(admin, cohort, "b");

        var csv = await admin.GetStringAsync($"/api/v1/admin/cohorts/{cohort}/grades.csv", Ct);
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var summary = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/cohorts/{cohort}/summary", Ct);
        var leaderboard = await admin.GetAsync($"/api/v1/admin/cohorts/{cohort}/leaderboard?top=5", Ct);
        var badTop = await admin.GetAsync($"/api/v1/admin/cohorts/{cohort}/leaderboard?top=x", Ct);

        Assert.StartsWith("studentId,name,email,overallScore,overallLevel,acquisitionScore,acquisitionLevel,acquisitionFeedback,batchQualityScore", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.Contains(lines, l => l.StartsWith("a,", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("b,", StringComparison.Ordinal));
        Assert.Equal(2, summary.GetProperty("gradeLevels").EnumerateObject().Sum(l => l.Value.GetInt32()));
        Assert.Equal(HttpStatusCode.OK, leaderboard.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badTop.StatusCode);
    }

    private static JsonElement Criterion(JsonElement grade, string name) =>
        grade.GetProperty("criteria").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    private static async Task<JsonElement> BatchAsync(HttpClient student, int seq) =>
        (await student.GetFromJsonAsync<JsonElement>("/api/v1/batches", Ct)).EnumerateArray().Single(b => b.GetProperty("seq").GetInt32() == seq);

    private static async Task<List<string>> BatchIdsAsync(HttpClient student, int seq)
    {
        var features = await student.GetStringAsync($"/api/v1/batches/{seq}/features.csv", Ct);
        return [.. features.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')[0]).Distinct()];
    }

    private static async Task<StringContent> PredictionsCsvAsync(HttpClient student, int seq, string prediction)
    {
        var body = new StringBuilder("id,prediction\n");
        foreach (var id in await BatchIdsAsync(student, seq))
        {
            body.Append(id).Append(',').Append(prediction).Append('\n');
        }

        return new StringContent(body.ToString(), Encoding.UTF8, "text/csv");
    }

    private static async Task<StringContent> CloneAsync(StringContent content) =>
        new(await content.ReadAsStringAsync(Ct), Encoding.UTF8, "text/csv");

    private HttpClient Admin() => Client(AssessmentPlatform.AdminKey);

    private HttpClient Student(string token) => Client(token);

    private HttpClient Client(string bearer)
    {
        var http = new HttpClient { BaseAddress = platform.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return http;
    }

    /// <summary>A taxi-fares cohort at speed 1440 whose scenario clock reads <paramref name="scenarioElapsed"/> (in wall time) now.</summary>
    private static async Task<string> CohortAsync(HttpClient admin, TimeSpan scenarioElapsed, object? late = null)
    {
        var response = await admin.PostAsJsonAsync("/api/v1/admin/cohorts",
            new { name = "Assessment tests", scenarioId = "taxi-fares", version = 1, startsAt = DateTimeOffset.UtcNow - scenarioElapsed, speed = 1440, late }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
    }

    private static async Task<string> EnrollAsync(HttpClient admin, string cohort, string? studentId = null)
    {
        var response = await admin.PostAsJsonAsync($"/api/v1/admin/cohorts/{cohort}/enrollments",
            new[] { new { studentId = studentId ?? "s-" + Guid.NewGuid().ToString("N")[..8], name = "Student", email = "s@example.org" } }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("students")[0].GetProperty("token").GetString()!;
    }
}
