using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PPipe.Api.Tests.Infrastructure;
using PPipe.Grains.Interfaces.Enrollments;

namespace PPipe.Api.Tests.Rollouts;

/// <summary>
/// Announced deploys over real HTTP. Cohorts run a scenario day a minute and start 10.3 days ago, so probing (from day 4)
/// has begun. An endpoint is registered through the enrollment itself (its verification probe fails: nothing listens),
/// which is all an announcement needs.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class DeploymentApiTests(ApiPlatform platform)
{
    private const string Spec = """
        template: taxi-fares
        duration: 20d
        grading: {criteria: {endpointAvailability: 1, rollout: 1}}
        """;

    private static readonly TimeSpan StartedAgo = TimeSpan.FromDays(10.3) / 1440;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Post_WithAnEndpoint_201WithTheDeploy_AgainWithTheSameVersion_200SameDeploy_ListedOnceByGet()
    {
        using var student = await StudentAsync(withEndpoint: true);

        var first = await student.Http.PostAsJsonAsync("/api/v1/deployments", new { version = "v2", expectedWithinMinutes = 30, note = "blue-green" }, Ct);
        var again = await student.Http.PostAsJsonAsync("/api/v1/deployments", new { version = "v2" }, Ct);
        var list = await student.Http.GetFromJsonAsync<JsonElement>("/api/v1/deployments", Ct);

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK), (first.StatusCode, again.StatusCode));
        var deploy = await first.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal((1, "v2", true, "blue-green", false), (deploy.GetProperty("id").GetInt32(), deploy.GetProperty("version").GetString(),
            deploy.GetProperty("announced").GetBoolean(), deploy.GetProperty("note").GetString(), deploy.GetProperty("judged").GetBoolean()));
        Assert.Equal(JsonValueKind.Null, deploy.GetProperty("answeredAt").ValueKind);
        Assert.Equal(1, (await again.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetInt32());
        Assert.Equal(["v2"], list.GetProperty("deployments").EnumerateArray().Select(d => d.GetProperty("version").GetString()));
        Assert.Equal(0, list.GetProperty("folded").GetInt32());
    }

    [Fact]
    public async Task Post_WithoutAnEndpoint_409_NothingAnnounced()
    {
        using var student = await StudentAsync(withEndpoint: false);

        var post = await student.Http.PostAsJsonAsync("/api/v1/deployments", new { version = "v2" }, Ct);
        var problem = await post.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var list = await student.Http.GetFromJsonAsync<JsonElement>("/api/v1/deployments", Ct);

        Assert.Equal(HttpStatusCode.Conflict, post.StatusCode);
        Assert.Equal("application/problem+json", post.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("Register your endpoint first", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(list.GetProperty("deployments").EnumerateArray());
    }

    [Fact]
    public async Task Post_BeforeTheScenarioStarts_409()
    {
        using var student = await StudentAsync(withEndpoint: true, startedAgo: -TimeSpan.FromHours(1));

        var post = await student.Http.PostAsJsonAsync("/api/v1/deployments", new { version = "v2" }, Ct);

        Assert.Equal(HttpStatusCode.Conflict, post.StatusCode);
        Assert.Equal("The scenario has not started: there is nothing to deploy to yet.", (await post.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Post_EveryFieldWrong_One422NamingEach_NothingAnnounced()
    {
        using var student = await StudentAsync(withEndpoint: true);

        var post = await student.Http.PostAsJsonAsync("/api/v1/deployments",
            new { version = new string('v', 65), expectedWithinMinutes = 1441, note = new string('n', 501) }, Ct);
        var problem = await post.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var list = await student.Http.GetFromJsonAsync<JsonElement>("/api/v1/deployments", Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, post.StatusCode);
        Assert.Equal("application/problem+json", post.Content.Headers.ContentType?.MediaType);
        var errors = problem.GetProperty("errors");
        Assert.Equal(["expectedWithinMinutes", "note", "version"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal("A version is at most 64 characters; this one has 65.", errors.GetProperty("version")[0].GetString());
        Assert.Equal("A note is at most 500 characters; this one has 501.", errors.GetProperty("note")[0].GetString());
        Assert.Empty(list.GetProperty("deployments").EnumerateArray());
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"version\": \" \"}")]
    [InlineData("{\"version\": \"v2\\nv3\"}")]
    public async Task Post_NoUsableVersion_422NamingVersion(string body)
    {
        using var student = await StudentAsync(withEndpoint: true);

        var post = await student.Http.PostAsync("/api/v1/deployments", new StringContent(body, Encoding.UTF8, "application/json"), Ct);
        var problem = await post.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, post.StatusCode);
        Assert.Equal(["version"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }

    [Theory]
    [InlineData("{\"version\": 4}", "version")]
    [InlineData("{\"version\": \"v2\", \"expectedWithinMinutes\": \"soon\"}", "expectedWithinMinutes")]
    [InlineData("{\"version\": \"v2\", \"expectedWithinMinutes\": 1e12}", "expectedWithinMinutes")]
    [InlineData("{\"version\": \"v2\", \"note\": [\"a\"]}", "note")]
    [InlineData("{\"version\": v2}", "body")]
    public async Task Post_ValueOfTheWrongType_400NamingTheField(string body, string field)
    {
        using var student = await StudentAsync(withEndpoint: true);

        var post = await student.Http.PostAsync("/api/v1/deployments", new StringContent(body, Encoding.UTF8, "application/json"), Ct);
        var problem = await post.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.Equal("application/problem+json", post.Content.Headers.ContentType?.MediaType);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
    }

    [Fact]
    public async Task Post_ForAnotherStudent_403NamingStudentId_NothingAnnounced_OwnIdAccepted()
    {
        using var student = await StudentAsync(withEndpoint: true);

        var other = await student.Http.PostAsJsonAsync("/api/v1/deployments", new { version = "v2", studentId = "someone-else" }, Ct);
        var problem = await other.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var empty = await student.Http.GetFromJsonAsync<JsonElement>("/api/v1/deployments", Ct);
        var own = await student.Http.PostAsJsonAsync("/api/v1/deployments", new { version = "v2", studentId = student.Id }, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal("application/problem+json", other.Content.Headers.ContentType?.MediaType);
        Assert.True(problem.GetProperty("errors").TryGetProperty("studentId", out _), problem.GetRawText());
        Assert.Empty(empty.GetProperty("deployments").EnumerateArray());
        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
    }

    [Fact]
    public async Task Post_BodyOver4KiB_413Problem()
    {
        using var student = await StudentAsync(withEndpoint: true);

        var post = await student.Http.PostAsJsonAsync("/api/v1/deployments", new { version = "v2", note = new string('x', 5_000) }, Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, post.StatusCode);
        Assert.Equal("application/problem+json", post.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Post_NullBody_422NamingTheBody()
    {
        using var student = await StudentAsync(withEndpoint: true);

        var post = await student.Http.PostAsync("/api/v1/deployments", new StringContent("null", Encoding.UTF8, "application/json"), Ct);
        var problem = await post.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, post.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("body", out _), problem.GetRawText());
    }

    [Fact]
    public async Task Routes_WithoutAToken_401()
    {
        using var anonymous = platform.Anonymous();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/deployments", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/v1/deployments", new { version = "v2" }, Ct)).StatusCode);
    }

    [Fact]
    public async Task GradesCsvAndGrade_RolloutScenario_HaveTheRolloutCriterion_NotJudgedBeforeAnyDeploy()
    {
        using var student = await StudentAsync(withEndpoint: true);
        using var admin = platform.Admin();

        var csv = await admin.GetStringAsync($"/api/v1/admin/cohorts/{student.CohortId}/grades.csv", Ct);
        var grade = await student.Http.GetFromJsonAsync<JsonElement>("/api/v1/grade", Ct);

        Assert.Contains("rolloutScore,rolloutLevel,rolloutFeedback", csv.Split('\n')[0], StringComparison.Ordinal);
        var rollout = grade.GetProperty("criteria").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "rollout");
        Assert.Equal(JsonValueKind.Null, rollout.GetProperty("score").ValueKind);
        Assert.StartsWith("No deploy seen yet, so rollouts cannot be judged", rollout.GetProperty("feedback").GetString(), StringComparison.Ordinal);
    }

    private async Task<Student> StudentAsync(bool withEndpoint, TimeSpan? startedAgo = null)
    {
        using var admin = platform.Admin();
        var upload = await admin.PostAsync("/api/v1/admin/scenarios", new StringContent(Spec, Encoding.UTF8, "application/yaml"), Ct);
        upload.EnsureSuccessStatusCode();
        var scenarioId = (await upload.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
        var cohortId = await platform.CreateCohortAsync(scenarioId, startedAgo ?? StartedAgo);
        var id = "s" + Guid.NewGuid().ToString("N")[..8];
        var tokens = await platform.EnrollAsync(cohortId, id);
        if (withEndpoint)
        {
            // Nothing listens there: the verification probe fails, the URL stays registered.
            await platform.Services.GetRequiredService<IGrainFactory>().GetGrain<IEnrollmentGrain>($"{cohortId}/{id}").SetEndpointAsync("http://127.0.0.1:9/predict");
        }

        return new Student(cohortId, id, platform.Student(tokens[0]));
    }

    private sealed record Student(string CohortId, string Id, HttpClient Http) : IDisposable
    {
        public void Dispose() => Http.Dispose();
    }
}
