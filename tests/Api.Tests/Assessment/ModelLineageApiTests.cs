using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PPipe.Api.Tests.Infrastructure;

namespace PPipe.Api.Tests.Assessment;

/// <summary>
/// Submissions naming their model over real HTTP, and the lineage they leave. Cohorts run a scenario day a minute and
/// started half a day ago: release 1 is out (not fetched by anyone here), batch 1 is open for nine days more.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ModelLineageApiTests(ApiPlatform platform)
{
    private const string Spec = """
        template: taxi-fares
        duration: 20d
        batches: {first: 0d, cadence: 10d, rows: 5, dueAfter: 9d, labelDelay: 12h, submissionLimit: 10}
        grading: {criteria: {batchQuality: 1, lineage: 1}}
        """;

    private static readonly TimeSpan StartedAgo = TimeSpan.FromDays(0.5) / 1440;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Submit_JsonNamingItsModel_202EchoingIt_AndListedByGetModels()
    {
        using var student = await StudentAsync();
        var ids = await BatchIdsAsync(student);
        var body = new { predictions = ids.Select(id => new { id, prediction = 12.5 }), model = new { version = "v1", trainedThrough = 0, digest = "sha256:9f2c" } };

        var response = await student.PostAsJsonAsync("/api/v1/batches/1/predictions", body, Ct);
        var receipt = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var models = await student.GetFromJsonAsync<JsonElement>("/api/v1/models", Ct);
        var me = await student.GetFromJsonAsync<JsonElement>("/api/v1/me", Ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("""{"version":"v1","trainedThrough":0,"digest":"sha256:9f2c"}""", receipt.GetProperty("model").GetRawText());
        var version = Assert.Single(models.GetProperty("versions").EnumerateArray());
        Assert.Equal(("v1", 0, "sha256:9f2c", 1, 0, 1, 0), (version.GetProperty("version").GetString(), version.GetProperty("trainedThrough").GetInt32(),
            version.GetProperty("digest").GetString(), version.GetProperty("firstBatch").GetInt32(), version.GetProperty("answers").GetInt32(),
            version.GetProperty("submissions").GetInt32(), version.GetProperty("fetchedWhenFirstSeen").GetInt32()));
        Assert.Empty(version.GetProperty("flags").EnumerateArray());
        var scenarioNow = me.GetProperty("clock").GetProperty("scenarioNow").GetDateTimeOffset();
        Assert.InRange(version.GetProperty("firstSeen").GetDateTimeOffset(), scenarioNow - TimeSpan.FromHours(6), scenarioNow);
        Assert.Equal((0, 0), (models.GetProperty("folded").GetInt32(), models.GetProperty("foldedFlagged").GetInt32()));
    }

    [Fact]
    public async Task Submit_CsvWithModelHeaders_Accepted_AndAClaimOfAReleaseNotFetchedIsFlagged()
    {
        using var student = await StudentAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/batches/1/predictions") { Content = await CsvAsync(student) };
        request.Headers.Add("X-Model-Version", "2026-03-02.1");
        request.Headers.Add("X-Model-Trained-Through", "1");

        var response = await student.SendAsync(request, Ct);
        var models = await student.GetFromJsonAsync<JsonElement>("/api/v1/models", Ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var version = Assert.Single(models.GetProperty("versions").EnumerateArray());
        Assert.Equal(("2026-03-02.1", 1), (version.GetProperty("version").GetString(), version.GetProperty("trainedThrough").GetInt32()));
        Assert.Equal(JsonValueKind.Null, version.GetProperty("digest").ValueKind);
        Assert.Equal(["unfetchedData"], version.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
    }

    [Fact]
    public async Task Submit_WithoutAModel_AsBefore_NoLineage()
    {
        using var student = await StudentAsync();

        var response = await student.PostAsync("/api/v1/batches/1/predictions", await CsvAsync(student), Ct);
        var receipt = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var models = await student.GetFromJsonAsync<JsonElement>("/api/v1/models", Ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(JsonValueKind.Null, receipt.GetProperty("model").ValueKind);
        Assert.Empty(models.GetProperty("versions").EnumerateArray());
    }

    [Theory]
    [InlineData("""{"version": "v1", "trainedThrough": "12"}""", "model.trainedThrough")]
    [InlineData("""{"version": "v1", "trainedThrough": -1}""", "model.trainedThrough")]
    [InlineData("""{"trainedThrough": 1}""", "model.version")]
    [InlineData("""{"version": "vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv", "trainedThrough": 1}""", "model.version")]
    [InlineData("""{"version": "v1", "trainedThrough": 1, "digest": 7}""", "model.digest")]
    [InlineData("""["v1", 1]""", "model")]
    public async Task Submit_JsonWithABadModel_422NamingTheField_NothingCounted(string model, string field)
    {
        using var student = await StudentAsync();
        var ids = await BatchIdsAsync(student);
        var predictions = string.Join(",", ids.Select(id => $$"""{"id": "{{id}}", "prediction": 12.5}"""));
        var body = $$"""{"predictions": [{{predictions}}], "model": {{model}}}""";

        var response = await student.PostAsync("/api/v1/batches/1/predictions", new StringContent(body, Encoding.UTF8, "application/json"), Ct);

        await AssertRefusedAsync(student, response, field);
    }

    [Theory]
    [InlineData("v1", "-3", null, "model.trainedThrough")]
    [InlineData("v1", "twelve", null, "model.trainedThrough")]
    [InlineData("v1", "99999999999", null, "model.trainedThrough")]
    [InlineData(null, "3", null, "model.version")]
    [InlineData("v1", null, null, "model.trainedThrough")]
    [InlineData("v1", "3", "", "model.digest")]
    [InlineData("v1", "3", "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", "model.digest")]
    public async Task Submit_CsvWithBadModelHeaders_422NamingTheField_NothingCounted(string? version, string? trainedThrough, string? digest, string field)
    {
        using var student = await StudentAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/batches/1/predictions") { Content = await CsvAsync(student) };
        foreach (var (name, value) in new[] { ("X-Model-Version", version), ("X-Model-Trained-Through", trainedThrough), ("X-Model-Digest", digest) })
        {
            if (value is not null)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        var response = await student.SendAsync(request, Ct);

        await AssertRefusedAsync(student, response, field);
    }

    [Fact]
    public async Task Submit_ModelInHeadersAndInTheBody_422NamingTheModel()
    {
        using var student = await StudentAsync();
        var ids = await BatchIdsAsync(student);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/batches/1/predictions")
        {
            Content = JsonContent.Create(new { predictions = ids.Select(id => new { id, prediction = 12.5 }), model = new { version = "v1", trainedThrough = 0 } }),
        };
        request.Headers.Add("X-Model-Version", "v1");
        request.Headers.Add("X-Model-Trained-Through", "0");

        var response = await student.SendAsync(request, Ct);

        await AssertRefusedAsync(student, response, "model");
    }

    [Fact]
    public async Task GradesCsvAndGrade_LineageScenario_HaveTheLineageCriterion_NotJudgedBeforeAnyChange()
    {
        using var student = await StudentAsync();
        using var admin = platform.Admin();
        var me = await student.GetFromJsonAsync<JsonElement>("/api/v1/me", Ct);

        var csv = await admin.GetStringAsync($"/api/v1/admin/cohorts/{me.GetProperty("cohort").GetProperty("id").GetString()}/grades.csv", Ct);
        var grade = await student.GetFromJsonAsync<JsonElement>("/api/v1/grade", Ct);

        Assert.Contains("lineageScore,lineageLevel,lineageFeedback", csv.Split('\n')[0], StringComparison.Ordinal);
        var lineage = grade.GetProperty("criteria").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "lineage");
        Assert.Equal(JsonValueKind.Null, lineage.GetProperty("score").ValueKind);
        Assert.StartsWith("Nothing to judge yet. No answer or submission of yours has named a model", lineage.GetProperty("feedback").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Models_WithoutAToken_401()
    {
        using var anonymous = platform.Anonymous();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/models", Ct)).StatusCode);
    }

    private static async Task AssertRefusedAsync(HttpClient student, HttpResponseMessage response, string field)
    {
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var batch = (await student.GetFromJsonAsync<JsonElement>("/api/v1/batches", Ct)).EnumerateArray().Single(b => b.GetProperty("seq").GetInt32() == 1);
        var models = await student.GetFromJsonAsync<JsonElement>("/api/v1/models", Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal(field, error.GetProperty("field").GetString());
        Assert.Equal(JsonValueKind.Null, error.GetProperty("row").ValueKind);
        Assert.DoesNotContain("drift", problem.GetRawText(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, batch.GetProperty("submissions").GetInt32());
        Assert.Empty(models.GetProperty("versions").EnumerateArray());
    }

    private static async Task<List<string>> BatchIdsAsync(HttpClient student)
    {
        var features = await student.GetStringAsync("/api/v1/batches/1/features.csv", Ct);
        return [.. features.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')[0]).Distinct()];
    }

    private static async Task<StringContent> CsvAsync(HttpClient student) =>
        new("id,prediction\n" + string.Concat((await BatchIdsAsync(student)).Select(id => $"{id},12.5\n")), Encoding.UTF8, "text/csv");

    private async Task<HttpClient> StudentAsync()
    {
        using var admin = platform.Admin();
        var upload = await admin.PostAsync("/api/v1/admin/scenarios", new StringContent(Spec, Encoding.UTF8, "application/yaml"), Ct);
        upload.EnsureSuccessStatusCode();
        var scenarioId = (await upload.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
        var cohortId = await platform.CreateCohortAsync(scenarioId, StartedAgo);
        var tokens = await platform.EnrollAsync(cohortId, "s" + Guid.NewGuid().ToString("N")[..8]);
        return platform.Student(tokens[0]);
    }
}
