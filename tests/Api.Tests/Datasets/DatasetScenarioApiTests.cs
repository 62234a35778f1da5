using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PPipe.Api.Tests.Infrastructure;
using PPipe.Grains.Client.Datasets;
using PPipe.TestSupport;

namespace PPipe.Api.Tests.Datasets;

/// <summary>
/// A scenario over an uploaded dataset, end to end over real HTTP: Iris uploaded and its target named, a spec naming it
/// with label drift, reference models fitted on saving, a cohort whose student fetches recorded rows, submits a batch and
/// is scored against the reference models; and every way such a spec is refused.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class DatasetScenarioApiTests(ApiPlatform platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string NewId() => "iris-" + Guid.NewGuid().ToString("N")[..10];

    private static string Spec(string datasetId, string extra = "") => $$$"""
        dataset: {id: {{{datasetId}}}, version: 1}
        duration: 10d
        releases: {first: 0d, cadence: 1d, rows: 30}
        batches: {first: 0d, cadence: 5d, rows: 20, dueAfter: 8h, labelDelay: 0s, submissionLimit: 3}
        endpoint: {enabled: false}
        drift:
          - {at: 5d, kind: label, classes: {"2": 4}}
        grading: {criteria: {acquisition: 1, batchQuality: 1, punctuality: 1}}
        {{{extra}}}
        """;

    [Fact]
    public async Task Scenario_OverIris_StudentFetchesRecordedRows_IsScoredAgainstReferenceModels()
    {
        var datasetId = await IrisWithRolesAsync();
        using var admin = platform.Admin();

        var upload = await admin.PostAsync("/api/v1/admin/scenarios", Yaml(Spec(datasetId)), Ct);
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var scenarioId = (await upload.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
        // Batch 1 is due 8 scenario hours after the start: 20 wall seconds at a day a minute; the cohort started 8 s ago.
        var cohortId = await platform.CreateCohortAsync(scenarioId, TimeSpan.FromSeconds(8));
        using var student = platform.Student((await platform.EnrollAsync(cohortId, "s" + Guid.NewGuid().ToString("N")[..8]))[0]);

        var release = await student.GetStringAsync("/api/v1/releases/1.csv", Ct);
        var lines = release.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        Assert.Equal(["id", "timestamp", "sepal_length", "sepal_width", "petal_length", "petal_width", "species"], header);
        Assert.Equal(31, lines.Length);
        var iris = PublicDatasets.Iris().Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Trim()).ToHashSet();
        Assert.All(lines.Skip(1), line => Assert.Contains(string.Join(",", line.Split(',')[2..]), iris));

        var features = await student.GetStringAsync("/api/v1/batches/1/features.csv", Ct);
        var ids = features.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')[0]).Distinct().ToList();
        var predictions = "id,prediction\n" + string.Concat(ids.Select(id => $"{id},0\n"));
        var submitted = await student.PostAsync("/api/v1/batches/1/predictions", new StringContent(predictions, Encoding.UTF8, "text/csv"), Ct);
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);

        var (scored, quality) = await ScoredBatch.ReadAsync(student, 1, Ct);

        // Everything predicted as one of three classes: about a third right, far below the oracle reference model.
        Assert.InRange(scored.GetProperty("score").GetDouble(), 0, 0.8);
        Assert.InRange(scored.GetProperty("relativeScore").GetDouble(), 0, 1);
        Assert.Contains("reference model", quality.GetProperty("feedback").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Roles_OnceAScenarioRunsOverTheVersion_409AndUnchanged()
    {
        var datasetId = await IrisWithRolesAsync();
        using var admin = platform.Admin();
        (await admin.PostAsync("/api/v1/admin/scenarios", Yaml(Spec(datasetId)), Ct)).EnsureSuccessStatusCode();

        var same = await admin.PutAsJsonAsync($"/api/v1/admin/datasets/{datasetId}/versions/1/roles", new { target = "species" }, Ct);
        var other = await admin.PutAsJsonAsync($"/api/v1/admin/datasets/{datasetId}/versions/1/roles", new { target = "petal_width" }, Ct);
        var problem = await other.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var version = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/datasets/{datasetId}/versions/1", Ct);

        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        Assert.Contains("runs over this version", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("species", version.GetProperty("roles").GetProperty("target").GetString());
    }

    [Fact]
    public async Task Upload_DatasetWithoutRoles_422AtDataset_NothingStored()
    {
        var datasetId = NewId();
        using var admin = platform.Admin();
        (await admin.PostAsync($"/api/v1/admin/datasets?id={datasetId}", new StringContent(PublicDatasets.Iris(), Encoding.UTF8, "text/csv"), Ct))
            .EnsureSuccessStatusCode();
        var before = await platform.Services.GetRequiredService<IDatasetStore>().UsageAsync(datasetId, Ct);

        var response = await admin.PostAsync("/api/v1/admin/scenarios", Yaml(Spec(datasetId)), Ct);
        var errors = await ErrorsAsync(response);
        var after = await platform.Services.GetRequiredService<IDatasetStore>().UsageAsync(datasetId, Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(errors, e => e.Path == "dataset" && e.Message.Contains("no confirmed roles", StringComparison.Ordinal));
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task NewVersion_ScenarioAlreadyAtItsLastVersion_422_ReferencePredictionsNotKept()
    {
        var datasetId = await IrisWithRolesAsync();
        using var admin = platform.Admin();
        var created = await admin.PostAsync("/api/v1/admin/scenarios", Yaml("template: taxi-fares\n"), Ct);
        var scenarioId = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
        for (var version = 2; version <= 100; version++)
        {
            (await admin.PostAsync($"/api/v1/admin/scenarios/{scenarioId}/versions", Yaml($"template: taxi-fares\nseed: {version}\n"), Ct)).EnsureSuccessStatusCode();
        }

        var store = platform.Services.GetRequiredService<IDatasetStore>();
        var before = await store.UsageAsync(datasetId, Ct);

        // The reference models are fitted and their predictions stored before the scenario's grain refuses a 101st version.
        var response = await admin.PostAsync($"/api/v1/admin/scenarios/{scenarioId}/versions", Yaml(Spec(datasetId)), Ct);
        var problem = await response.Content.ReadAsStringAsync(Ct);
        var after = await store.UsageAsync(datasetId, Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("already has 100 versions", problem, StringComparison.Ordinal);
        Assert.Equal(before, after);
    }

    [Theory]
    [InlineData("missing-dataset", "dataset", "there is no dataset")]
    [InlineData("concept", "drift[1].kind", "covariate or label drift")]
    [InlineData("unknown-class", "drift[1].classes.virginica", "not a class of species")]
    public async Task Upload_BadSpecOverADataset_422NamingThePath(string flaw, string path, string message)
    {
        var datasetId = await IrisWithRolesAsync();
        var spec = flaw switch
        {
            "missing-dataset" => Spec("no-such-" + datasetId),
            "concept" => Spec(datasetId).Replace("grading:", "  - {at: 6d, kind: concept, effects: {base: 1}}\ngrading:", StringComparison.Ordinal),
            _ => Spec(datasetId).Replace("grading:", "  - {at: 6d, kind: label, classes: {virginica: 2}}\ngrading:", StringComparison.Ordinal),
        };
        using var admin = platform.Admin();

        var response = await admin.PostAsync("/api/v1/admin/scenarios", Yaml(spec), Ct);
        var errors = await ErrorsAsync(response);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(errors, e => e.Path == path && e.Message.Contains(message, StringComparison.Ordinal));
    }

    private async Task<string> IrisWithRolesAsync()
    {
        var id = NewId();
        using var admin = platform.Admin();
        (await admin.PostAsync($"/api/v1/admin/datasets?id={id}", new StringContent(PublicDatasets.Iris(), Encoding.UTF8, "text/csv"), Ct))
            .EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync($"/api/v1/admin/datasets/{id}/versions/1/roles", new { target = "species" }, Ct)).EnsureSuccessStatusCode();
        return id;
    }

    private static StringContent Yaml(string text) => new(text, Encoding.UTF8, "application/yaml");

    private static async Task<List<(string Path, string Message)>> ErrorsAsync(HttpResponseMessage response)
    {
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return problem.TryGetProperty("errors", out var errors)
            ? [.. errors.EnumerateArray().Select(e => (e.GetProperty("path").GetString()!, e.GetProperty("message").GetString()!))]
            : [];
    }
}
