using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace PPipe.Integration.Tests.Cohorts;

/// <summary>The admin and student API's answers to good and bad input, over real HTTP in embedded mode.</summary>
public sealed class AdminAndStudentApiTests(EmbeddedPlatform platform) : IClassFixture<EmbeddedPlatform>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Templates_Listed_AtLeastFiveWithBriefings()
    {
        using var http = Admin();

        var templates = await http.GetFromJsonAsync<JsonElement>("/api/v1/admin/templates", Ct);

        Assert.True(templates.GetArrayLength() >= 5);
        Assert.All(templates.EnumerateArray(), t => Assert.False(string.IsNullOrWhiteSpace(t.GetProperty("briefing").GetString())));
    }

    [Fact]
    public async Task UploadScenario_InvalidSpec_422ListsEveryErrorWithItsPath()
    {
        using var http = Admin();

        var response = await http.PostAsync("/api/v1/admin/scenarios",
            new StringContent("template: taxi-fares\nmetrik: rmse\nduration: 28d\ndrift:\n  - at: 30d\n    kind: concept\n    mode: abrupt\n    effects: {base: 4}\n", Encoding.UTF8, "application/yaml"), Ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var paths = problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()).ToList();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("metrik", paths);
        Assert.Contains("drift[0].at", paths);
    }

    [Fact]
    public async Task UploadScenario_BadYaml_422NotA500()
    {
        using var http = Admin();

        var response = await http.PostAsync("/api/v1/admin/scenarios", new StringContent("template: [unclosed", Encoding.UTF8, "application/yaml"), Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
    }

    [Fact]
    public async Task UploadScenario_WrongContentType_415()
    {
        using var http = Admin();

        var response = await http.PostAsync("/api/v1/admin/scenarios", new StringContent("template: taxi-fares", Encoding.UTF8, "image/png"), Ct);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task UploadScenario_Valid_201WithIdAndVersion()
    {
        using var http = Admin();

        var response = await http.PostAsync("/api/v1/admin/scenarios", new StringContent("template: card-fraud", Encoding.UTF8, "application/yaml"), Ct);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.StartsWith("s-", body.GetProperty("id").GetString());
        Assert.Equal(1, body.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task CreateCohort_BadFields_422NamesEachField()
    {
        using var http = Admin();

        var response = await http.PostAsJsonAsync("/api/v1/admin/cohorts", new { name = "", scenarioId = "no-such", speed = -1 }, Ct);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.True(errors.TryGetProperty("name", out _));
        Assert.True(errors.TryGetProperty("scenarioId", out _));
        Assert.True(errors.TryGetProperty("speed", out _));
        Assert.True(errors.TryGetProperty("startsAt", out _));
    }

    [Fact]
    public async Task Enroll_RosterWithBadRows_422NamesTheRowsAndEnrollsNobody()
    {
        using var http = Admin();
        var cohort = await CreateCohortAsync(http);
        var roster = "studentId,name,email\nok-1,Ok One,ok1@example.org\n,No Id,x@example.org\nbad id!,Bad,bad@example.org\nok-2,,ok2@example.org\n";

        var response = await http.PostAsync($"/api/v1/admin/cohorts/{cohort}/enrollments", new StringContent(roster, Encoding.UTF8, "text/csv"), Ct);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("field").GetString())).ToList();
        var summary = await http.GetFromJsonAsync<JsonElement>($"/api/v1/admin/cohorts/{cohort}/summary", Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal([(2, "studentId"), (3, "studentId"), (4, "name")], errors);
        Assert.Equal(0, summary.GetProperty("enrolled").GetInt32());
    }

    [Fact]
    public async Task Enroll_SameRosterAgain_NobodyEnrolledTwiceAndTheSameTokens()
    {
        using var http = Admin();
        var cohort = await CreateCohortAsync(http);
        var roster = "studentId,name,email\na1,\"Lovelace, Ada\",ada@example.org\na2,Grace Hopper,\n";

        var first = await (await http.PostAsync($"/api/v1/admin/cohorts/{cohort}/enrollments", new StringContent(roster, Encoding.UTF8, "text/csv"), Ct))
            .Content.ReadFromJsonAsync<JsonElement>(Ct);
        var second = await (await http.PostAsync($"/api/v1/admin/cohorts/{cohort}/enrollments", new StringContent(roster, Encoding.UTF8, "text/csv"), Ct))
            .Content.ReadFromJsonAsync<JsonElement>(Ct);
        var tokens = Tokens(first);

        Assert.Equal((2, 0), (first.GetProperty("enrolled").GetInt32(), first.GetProperty("alreadyEnrolled").GetInt32()));
        Assert.All(tokens.Values, t => Assert.True(t.Length >= 40));
        Assert.Equal(tokens.Count, tokens.Values.Distinct().Count());
        Assert.Equal((0, 2), (second.GetProperty("enrolled").GetInt32(), second.GetProperty("alreadyEnrolled").GetInt32()));
        Assert.Equal(tokens, Tokens(second));
        Assert.All(second.GetProperty("students").EnumerateArray(), s => Assert.True(s.GetProperty("alreadyEnrolled").GetBoolean()));
    }

    [Fact]
    public async Task Enroll_RowNamesAnEnrolledStudentDifferently_422AndNobodyEnrolled()
    {
        using var http = Admin();
        var cohort = await CreateCohortAsync(http);
        await http.PostAsync($"/api/v1/admin/cohorts/{cohort}/enrollments", new StringContent("studentId,name,email\nb1,Ada,ada@example.org\n", Encoding.UTF8, "text/csv"), Ct);

        var conflict = await http.PostAsync($"/api/v1/admin/cohorts/{cohort}/enrollments",
            new StringContent("studentId,name,email\nb2,Grace,\nb1,Somebody Else,else@example.org\n", Encoding.UTF8, "text/csv"), Ct);
        var problem = await conflict.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var info = await (await http.GetAsync($"/api/v1/admin/cohorts/{cohort}", Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, conflict.StatusCode);
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal((2, "b1"), (error.GetProperty("row").GetInt32(), error.GetProperty("studentId").GetString()));
        Assert.Equal(1, info.GetProperty("enrolled").GetInt32());
    }

    [Fact]
    public async Task ReissueToken_EnrolledStudent_NewTokenOpensTheEnrollmentAndTheOldOneIsRefused()
    {
        using var http = Admin();
        var cohort = await CreateCohortAsync(http);
        var enrolled = await (await http.PostAsync($"/api/v1/admin/cohorts/{cohort}/enrollments",
            new StringContent("studentId,name,email\nc1,Cy,\n", Encoding.UTF8, "text/csv"), Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var old = Tokens(enrolled)["c1"];

        var reissue = await http.PostAsync($"/api/v1/admin/cohorts/{cohort}/students/c1/token", null, Ct);
        var fresh = (await reissue.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("token").GetString()!;
        var unknownStudent = await http.PostAsync($"/api/v1/admin/cohorts/{cohort}/students/nobody/token", null, Ct);
        using var withFresh = Client(fresh);
        using var withOld = Client(old);

        Assert.Equal(HttpStatusCode.OK, reissue.StatusCode);
        Assert.NotEqual(old, fresh);
        Assert.Equal(HttpStatusCode.OK, (await withFresh.GetAsync("/api/v1/me", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await withOld.GetAsync("/api/v1/me", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownStudent.StatusCode);
    }

    private static Dictionary<string, string> Tokens(JsonElement enrollment) =>
        enrollment.GetProperty("students").EnumerateArray().ToDictionary(s => s.GetProperty("studentId").GetString()!, s => s.GetProperty("token").GetString()!);

    [Fact]
    public async Task PauseResume_WrongOrder_409AndRightOrderChangesStatus()
    {
        using var http = Admin();
        var cohort = await CreateCohortAsync(http);

        var resumeRunning = await http.PostAsync($"/api/v1/admin/cohorts/{cohort}/resume", null, Ct);
        var paused = await (await http.PostAsync($"/api/v1/admin/cohorts/{cohort}/pause", null, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var pauseAgain = await http.PostAsync($"/api/v1/admin/cohorts/{cohort}/pause", null, Ct);
        var resumed = await (await http.PostAsync($"/api/v1/admin/cohorts/{cohort}/resume", null, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.Conflict, resumeRunning.StatusCode);
        Assert.Equal("paused", paused.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, pauseAgain.StatusCode);
        Assert.Equal("running", resumed.GetProperty("status").GetString());
    }

    [Fact]
    public async Task StudentApi_MissingUnknownOrMalformedToken_401ProblemDetails()
    {
        using var anonymous = new HttpClient { BaseAddress = platform.BaseAddress };
        using var unknown = Client("ppt_" + new string('A', 43));
        using var malformed = Client("not-a-token");

        var responses = new[]
        {
            await anonymous.GetAsync("/api/v1/me", Ct),
            await unknown.GetAsync("/api/v1/me", Ct),
            await malformed.GetAsync("/api/v1/releases", Ct),
        };

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        Assert.All(responses, r => Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType));
    }

    [Fact]
    public async Task StudentApi_MalformedOrOutOfRangeIds_404NotA500()
    {
        using var http = Admin();
        var token = await EnrollOneAsync(http, await CreateCohortAsync(http));
        using var student = Client(token);

        var statuses = new List<HttpStatusCode>();
        foreach (var path in new[] { "/api/v1/releases/0.csv", "/api/v1/releases/99999.csv", "/api/v1/releases/abc.csv", "/api/v1/batches/0/features.csv", "/api/v1/batches/99999/labels.csv" })
        {
            statuses.Add((await student.GetAsync(path, Ct)).StatusCode);
        }

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.NotFound, s));
    }

    [Fact]
    public async Task Labels_BeforeTheirRevealTime_404WithRetryAfterAndFeaturesHaveNoTarget()
    {
        using var http = Admin();
        // At speed 1440 a scenario day is a wall minute: 62.5 s in, batch 1 (opens at 1d, due 12h later) is open.
        var cohort = await CreateCohortAsync(http, speed: 1440, startsAt: DateTimeOffset.UtcNow.AddSeconds(-62.5));
        using var student = Client(await EnrollOneAsync(http, cohort));

        var batches = await student.GetFromJsonAsync<JsonElement>("/api/v1/batches", Ct);
        var open = batches.EnumerateArray().First(b => b.GetProperty("status").GetString() == "open").GetProperty("seq").GetInt32();
        var labels = await student.GetAsync($"/api/v1/batches/{open}/labels.csv", Ct);
        var features = await student.GetStringAsync($"/api/v1/batches/{open}/features.csv", Ct);

        Assert.Equal(HttpStatusCode.NotFound, labels.StatusCode);
        Assert.True(labels.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.DoesNotContain("fare_usd", features.Split('\n')[0]);
        Assert.True(features.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length > 1);
    }

    [Fact]
    public async Task StudentApi_OverTheBurst_429WithRetryAfter()
    {
        using var http = Admin();
        using var student = Client(await EnrollOneAsync(http, await CreateCohortAsync(http)));

        var statuses = new List<HttpResponseMessage>();
        for (var i = 0; i < EmbeddedPlatform.StudentBurst + 3; i++)
        {
            statuses.Add(await student.GetAsync("/api/v1/batches", Ct));
        }

        var limited = statuses.First(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.True(limited.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task StudentApi_LimitedThenWaits_BucketRefillsAtTheSustainedRate()
    {
        using var http = Admin();
        using var student = Client(await EnrollOneAsync(http, await CreateCohortAsync(http)));
        HttpResponseMessage limited;
        do
        {
            limited = await student.GetAsync("/api/v1/batches", Ct);
        }
        while (limited.StatusCode != HttpStatusCode.TooManyRequests);

        // One request per second refills the bucket: after the advertised wait the next request goes through.
        await Task.Delay(limited.Headers.RetryAfter!.Delta!.Value + TimeSpan.FromMilliseconds(500), Ct);
        var after = await student.GetAsync("/api/v1/batches", Ct);

        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task Webhook_ForbiddenOrMalformedUrl_422()
    {
        using var http = Admin();
        using var student = Client(await EnrollOneAsync(http, await CreateCohortAsync(http)));

        var metadata = await student.PutAsJsonAsync("/api/v1/webhook", new { url = "http://169.254.169.254/latest/meta-data" }, Ct);
        var ftp = await student.PutAsJsonAsync("/api/v1/webhook", new { url = "ftp://example.org/x" }, Ct);
        var garbage = await student.PutAsync("/api/v1/webhook", new StringContent("{not json", Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, metadata.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, ftp.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, garbage.StatusCode);
    }

    [Fact]
    public async Task Releases_ChannelInOutageWindow_503WithRetryAfter()
    {
        using var http = Admin();
        var spec = "template: taxi-fares\nquirks:\n  - {at: 0d, kind: outage, channel: api, for: 2d}\n";
        var upload = await http.PostAsync("/api/v1/admin/scenarios", new StringContent(spec, Encoding.UTF8, "application/yaml"), Ct);
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var scenarioId = (await upload.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
        var cohort = await http.PostAsJsonAsync("/api/v1/admin/cohorts",
            new { name = "outage", scenarioId, version = 1, startsAt = DateTimeOffset.UtcNow.AddMinutes(-1), speed = 1 }, Ct);
        var cohortId = (await cohort.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
        using var student = Client(await EnrollOneAsync(http, cohortId));

        var response = await student.GetAsync("/api/v1/releases", Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.FromHours(40));
        Assert.Contains("api channel", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task OversizedBodies_SpecAndRoster_413()
    {
        using var http = Admin();
        var cohort = await CreateCohortAsync(http);
        var hugeSpec = "template: taxi-fares\n# " + new string('x', 300 * 1024) + "\n";
        var hugeRoster = "studentId,name,email\n" + string.Concat(Enumerable.Repeat("s,n,e@example.org\n", 1_000_000));

        var spec = await http.PostAsync("/api/v1/admin/scenarios", new StringContent(hugeSpec, Encoding.UTF8, "application/yaml"), Ct);
        var roster = await http.PostAsync($"/api/v1/admin/cohorts/{cohort}/enrollments", new StringContent(hugeRoster, Encoding.UTF8, "text/csv"), Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, spec.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, roster.StatusCode);
    }

    private HttpClient Admin() => Client(EmbeddedPlatform.AdminKey);

    private HttpClient Client(string bearer)
    {
        var http = new HttpClient { BaseAddress = platform.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return http;
    }

    private static async Task<string> CreateCohortAsync(HttpClient admin, double speed = 1440, DateTimeOffset? startsAt = null)
    {
        var response = await admin.PostAsJsonAsync("/api/v1/admin/cohorts",
            new { name = "API tests", scenarioId = "taxi-fares", version = 1, startsAt = startsAt ?? DateTimeOffset.UtcNow, speed }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
    }

    private static async Task<string> EnrollOneAsync(HttpClient admin, string cohort)
    {
        var response = await admin.PostAsJsonAsync($"/api/v1/admin/cohorts/{cohort}/enrollments",
            new[] { new { studentId = "s-" + Guid.NewGuid().ToString("N")[..8], name = "Student", email = "s@example.org" } }, Ct);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("students")[0].GetProperty("token").GetString()!;
    }
}
