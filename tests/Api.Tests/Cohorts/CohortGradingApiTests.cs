using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PPipe.Api.Tests.Infrastructure;

namespace PPipe.Api.Tests.Cohorts;

/// <summary>
/// A cohort's own grading over HTTP: given when the cohort is opened or changed before it starts, shown by its GET, used by
/// every grade, and every kind of bad input refused with the field named and nothing stored.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class CohortGradingApiTests(ApiPlatform platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateCohort_WithGrading_ShownByItsGetAndUsedByTheGradeAndTheGradesCsv()
    {
        using var admin = platform.Admin();
        var created = await CreateAsync(admin, new { policy = "all-proficient", weights = new { punctuality = 0.3, adaptation = 0 } }, TimeSpan.FromMinutes(2));
        var cohort = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString();
        var tokens = await platform.EnrollAsync(cohort!, "graded-1");
        using var student = platform.Student(tokens[0]);

        var view = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/cohorts/{cohort}", Ct);
        var grade = await student.GetFromJsonAsync<JsonElement>("/api/v1/grade", Ct);
        var csv = (await admin.GetStringAsync($"/api/v1/admin/cohorts/{cohort}/grades.csv", Ct)).Split(["\r\n", "\n"], StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("""{"policy":"all-proficient","weights":{"adaptation":0,"punctuality":0.3}}""", Sorted(view.GetProperty("grading")));
        // card-fraud weighs acquisition 0.1, batch quality 0.3, punctuality 0.1, the endpoint 0.15, 0.1 and 0.1, adaptation 0.15.
        var criteria = grade.GetProperty("criteria").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => Math.Round(c.GetProperty("weight").GetDouble(), 4));
        Assert.Equal(
            new Dictionary<string, double>
            {
                ["acquisition"] = 0.0952, ["batchQuality"] = 0.2857, ["punctuality"] = 0.2857,
                ["endpointAvailability"] = 0.1429, ["endpointLatency"] = 0.0952, ["endpointQuality"] = 0.0952,
            },
            criteria);
        Assert.DoesNotContain("adaptation", csv[0], StringComparison.Ordinal);
        Assert.Contains("endpointQualityFeedback,gradingPolicy,overallFeedback,copyFlags,asOf,status", csv[0], StringComparison.Ordinal);
        Assert.Contains(",all-proficient,", Assert.Single(csv, l => l.StartsWith("graded-1,", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateCohort_WithoutGrading_TheScenariosWeightsAndTheWeightedMean()
    {
        var cohort = await platform.CreateCohortAsync("taxi-fares");
        using var admin = platform.Admin();

        var view = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/cohorts/{cohort}", Ct);
        var csv = await admin.GetStringAsync($"/api/v1/admin/cohorts/{cohort}/grades.csv", Ct);

        Assert.Equal("""{"policy":"weighted-mean","weights":{}}""", Sorted(view.GetProperty("grading")));
        Assert.Contains("adaptationFeedback,gradingPolicy,overallFeedback,copyFlags", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateCohort_BadGrading_422NamesEveryFieldAndStoresNothing()
    {
        using var admin = platform.Admin();
        var before = await TotalAsync(admin);

        var response = await CreateAsync(admin, new
        {
            policy = "strictest",
            weights = new Dictionary<string, double> { ["punctuality"] = -1, ["monitoring"] = 1, ["elegance"] = 2, ["batchQuality"] = 2 },
        });
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = problem.GetProperty("errors");
        Assert.Equal(["grading.policy", "grading.weights.elegance", "grading.weights.monitoring", "grading.weights.punctuality"],
            errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal("Give the grading policy as weighted-mean or all-proficient.", errors.GetProperty("grading.policy")[0].GetString());
        Assert.StartsWith("There is no such criterion; the criteria are acquisition, ", errors.GetProperty("grading.weights.elegance")[0].GetString());
        Assert.StartsWith("The scenario does not assess monitoring, and a cohort cannot add a criterion; it can weigh acquisition, ",
            errors.GetProperty("grading.weights.monitoring")[0].GetString());
        Assert.Equal("Give a finite weight of 0 or more: 0 switches the criterion off for this cohort.", errors.GetProperty("grading.weights.punctuality")[0].GetString());
        Assert.Equal(before, await TotalAsync(admin));
    }

    [Fact]
    public async Task CreateCohort_EveryWeightZero_422NamesTheWeightsAndStoresNothing()
    {
        using var admin = platform.Admin();
        var before = await TotalAsync(admin);
        var zero = new[] { "acquisition", "batchQuality", "punctuality", "endpointAvailability", "endpointLatency", "endpointQuality", "adaptation" }
            .ToDictionary(name => name, _ => 0.0);

        var response = await CreateAsync(admin, new { weights = zero });
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("These weights switch off every criterion; at least one must keep a positive weight.", Assert.Single(errors.EnumerateObject(), e => e.Name == "grading.weights").Value[0].GetString());
        Assert.Single(errors.EnumerateObject());
        Assert.Equal(before, await TotalAsync(admin));
    }

    [Fact]
    public async Task CreateCohort_NonFiniteWeight_422NamesTheWeightAndStoresNothing()
    {
        using var admin = platform.Admin();
        var before = await TotalAsync(admin);
        // JSON has no infinity, but a number beyond any double's range reads as one.
        var body = $$"""
            {"name": "Overflow", "scenarioId": "card-fraud", "version": 1, "startsAt": "{{DateTimeOffset.UtcNow:O}}", "speed": 1440,
             "grading": {"weights": {"punctuality": 1e400} } }
            """;

        var response = await admin.PostAsync("/api/v1/admin/cohorts", new StringContent(body, Encoding.UTF8, "application/json"), Ct);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var error = Assert.Single(errors.EnumerateObject());
        Assert.Equal(("grading.weights.punctuality", "Give a finite weight of 0 or more: 0 switches the criterion off for this cohort."), (error.Name, error.Value[0].GetString()));
        Assert.Equal(before, await TotalAsync(admin));
    }

    [Fact]
    public async Task PutGrading_BeforeTheStart_ReplacedAndShown_AnEmptyBodyGoesBackToTheScenarios()
    {
        using var admin = platform.Admin();
        var cohort = await IdOfAsync(await CreateAsync(admin, null, startedAgo: -TimeSpan.FromDays(1)));

        var changed = await admin.PutAsJsonAsync($"/api/v1/admin/cohorts/{cohort}/grading", new { policy = "all-proficient", weights = new { endpointLatency = 0 } }, Ct);
        var shown = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/cohorts/{cohort}", Ct);
        var reset = await admin.PutAsJsonAsync($"/api/v1/admin/cohorts/{cohort}/grading", new { }, Ct);

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal("""{"policy":"all-proficient","weights":{"endpointLatency":0}}""", Sorted((await changed.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("grading")));
        Assert.Equal("""{"policy":"all-proficient","weights":{"endpointLatency":0}}""", Sorted(shown.GetProperty("grading")));
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal("""{"policy":"weighted-mean","weights":{}}""", Sorted((await reset.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("grading")));
    }

    [Fact]
    public async Task PutGrading_AfterTheStart_409AndTheGradingKept()
    {
        using var admin = platform.Admin();
        var cohort = await IdOfAsync(await CreateAsync(admin, new { policy = "all-proficient" }, TimeSpan.FromMinutes(1)));

        var response = await admin.PutAsJsonAsync($"/api/v1/admin/cohorts/{cohort}/grading", new { policy = "weighted-mean" }, Ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var shown = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/cohorts/{cohort}", Ct);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("The cohort has started.", problem.GetProperty("title").GetString());
        Assert.Contains("its grading can only change before it starts", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("all-proficient", shown.GetProperty("grading").GetProperty("policy").GetString());
    }

    [Fact]
    public async Task PutGrading_BadBody_422NamesTheFieldsOfTheBodyAndChangesNothing()
    {
        using var admin = platform.Admin();
        var cohort = await IdOfAsync(await CreateAsync(admin, new { policy = "all-proficient" }, startedAgo: -TimeSpan.FromDays(1)));

        var response = await admin.PutAsJsonAsync($"/api/v1/admin/cohorts/{cohort}/grading", new { policy = "median", weights = new { foo = 1 } }, Ct);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        var shown = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/cohorts/{cohort}", Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(["policy", "weights.foo"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal("""{"policy":"all-proficient","weights":{}}""", Sorted(shown.GetProperty("grading")));
    }

    [Fact]
    public async Task PutGrading_UnknownCohort_404Problem()
    {
        using var admin = platform.Admin();

        var response = await admin.PutAsJsonAsync("/api/v1/admin/cohorts/c-000000000000/grading", new { policy = "all-proficient" }, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>Opens a card-fraud cohort with <paramref name="grading"/>, started <paramref name="startedAgo"/> ago (negative: still to start).</summary>
    private static Task<HttpResponseMessage> CreateAsync(HttpClient admin, object? grading, TimeSpan? startedAgo = null) =>
        admin.PostAsJsonAsync("/api/v1/admin/cohorts", new
        {
            name = "Grading", scenarioId = "card-fraud", version = 1, startsAt = DateTimeOffset.UtcNow - (startedAgo ?? TimeSpan.Zero), speed = 1440, grading,
        }, Ct);

    private static async Task<string> IdOfAsync(HttpResponseMessage created)
    {
        created.EnsureSuccessStatusCode();
        return (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
    }

    private static async Task<int> TotalAsync(HttpClient admin) =>
        (await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/cohorts?pageSize=1", Ct)).GetProperty("total").GetInt32();

    /// <summary>A grading as JSON with its weights in name order, whatever order the server wrote them in.</summary>
    private static string Sorted(JsonElement grading) => JsonSerializer.Serialize(new
    {
        policy = grading.GetProperty("policy").GetString(),
        weights = new SortedDictionary<string, double>(grading.GetProperty("weights").EnumerateObject().ToDictionary(w => w.Name, w => w.Value.GetDouble()), StringComparer.Ordinal),
    });
}
