using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PPipe.Api.Tests.Infrastructure;

namespace PPipe.Api.Tests.Contract;

/// <summary>
/// Every request the server cannot bind is the client's fault and is answered as such: a 400 (415 for a body of the
/// wrong media type) <c>application/problem+json</c> whose <c>errors</c> names the field and whose detail says what to send.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class BindingFailureTests(ApiPlatform platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateCohort_MalformedJson_400NamesTheBody()
    {
        using var admin = platform.Admin();

        var response = await admin.PostAsync("/api/v1/admin/cohorts", Json("""{"name": "Broken", "speed": """), Ct);

        var message = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "body");
        Assert.Contains("not valid JSON", message);
    }

    [Fact]
    public async Task CreateCohort_StringForANumber_400NamesSpeed()
    {
        using var admin = platform.Admin();

        var response = await admin.PostAsync("/api/v1/admin/cohorts",
            Json("""{"name": "x", "scenarioId": "taxi-fares", "startsAt": "2026-12-01T09:00:00Z", "speed": "fast"}"""), Ct);

        var message = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "speed");
        Assert.Equal("speed must be a number.", message);
    }

    [Fact]
    public async Task CreateCohort_NotADate_400NamesStartsAt()
    {
        using var admin = platform.Admin();

        var response = await admin.PostAsync("/api/v1/admin/cohorts",
            Json("""{"name": "x", "scenarioId": "taxi-fares", "startsAt": "tomorrow", "speed": 1}"""), Ct);

        var message = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "startsAt");
        Assert.Equal("startsAt must be an ISO 8601 time such as 2026-12-01T09:00:00Z.", message);
    }

    [Fact]
    public async Task CreateCohort_UnknownLatePolicy_400NamesLatePolicyAndListsTheValues()
    {
        using var admin = platform.Admin();

        var response = await admin.PostAsync("/api/v1/admin/cohorts",
            Json("""{"name": "x", "scenarioId": "taxi-fares", "startsAt": "2026-12-01T09:00:00Z", "speed": 1, "late": {"policy": "sometimes"}}"""), Ct);

        var message = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "late.policy");
        Assert.Equal("late.policy must be one of accept, reject, penalty.", message);
    }

    [Fact]
    public async Task Predictions_BatchSeqNotANumber_400NamesSeq()
    {
        var cohort = await platform.CreateCohortAsync();
        var tokens = await platform.EnrollAsync(cohort, "binding-route");
        using var student = platform.Student(tokens[0]);

        var response = await student.PostAsync("/api/v1/batches/first/predictions", new StringContent("id,prediction\n", Encoding.UTF8, "text/csv"), Ct);

        var message = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "seq");
        Assert.Equal("seq must be a whole number; 'first' is not.", message);
    }

    [Fact]
    public async Task Releases_AfterNotANumber_400NamesAfter()
    {
        var cohort = await platform.CreateCohortAsync();
        var tokens = await platform.EnrollAsync(cohort, "binding-query");
        using var student = platform.Student(tokens[0]);

        var response = await student.GetAsync("/api/v1/releases?after=banana", Ct);

        var message = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "after");
        Assert.Equal("after must be a whole number; 'banana' is not.", message);
    }

    [Fact]
    public async Task CreateCohort_PlainTextBody_415NamesTheBodyAndTheMediaType()
    {
        using var admin = platform.Admin();

        var response = await admin.PostAsync("/api/v1/admin/cohorts", new StringContent("name=x", Encoding.UTF8, "text/plain"), Ct);

        var message = await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "body");
        Assert.Contains("application/json", message);
    }

    [Fact]
    public async Task Roster_MalformedJson_400NamesTheBody()
    {
        var cohort = await platform.CreateCohortAsync();
        using var admin = platform.Admin();

        var response = await admin.PostAsync($"/api/v1/admin/cohorts/{cohort}/enrollments", Json("""[{"studentId": """), Ct);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "body");
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    /// <summary>Asserts the status and a problem whose errors name <paramref name="field"/>; returns that field's message.</summary>
    private static async Task<string> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string field)
    {
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var messages = problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(m => m.GetString()!).ToList();
        Assert.Equal(messages[0], problem.GetProperty("detail").GetString());
        return Assert.Single(messages);
    }
}
