using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PPipe.Integration.Tests.Infrastructure;
using PPipe.TestSupport;
using static PPipe.Integration.Tests.Infrastructure.ClusterHosts;

namespace PPipe.Integration.Tests.Datasets;

/// <summary>
/// A scenario over a dataset in cluster mode: three PPipe.Silo processes and a front end on real PostgreSQL. The front end
/// fits the reference models and stores their predictions in the dataset tables; the silos load the rows and the
/// predictions on their own to serve releases and score batches, and a silo started after every first one was killed
/// does the same from storage alone.
/// </summary>
public sealed class DatasetScenarioClusterTests
{
    private const string Spec = """
        dataset: {id: iris, version: 1}
        duration: 10d
        releases: {first: 0d, cadence: 1d, rows: 30}
        batches: {first: 0d, cadence: 5d, rows: 20, dueAfter: 12h, labelDelay: 0s, submissionLimit: 3}
        endpoint: {enabled: false}
        drift:
          - {at: 5d, kind: label, classes: {"2": 4}}
        grading: {criteria: {acquisition: 1, batchQuality: 1, punctuality: 1}}
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DatasetScenario_OnThreeSilos_ServedAndScored_ThenServedAgainAfterEverySiloIsKilled()
    {
        await using var cluster = await ThreeSiloCluster.StartAsync("datasetscenario");
        using var admin = cluster.Admin();
        (await admin.PostAsync("/api/v1/admin/datasets?id=iris", new StringContent(PublicDatasets.Iris(), Encoding.UTF8, "text/csv"), Ct)).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync("/api/v1/admin/datasets/iris/versions/1/roles", new { target = "species" }, Ct)).EnsureSuccessStatusCode();

        var saved = await admin.PostAsync("/api/v1/admin/scenarios", new StringContent(Spec, Encoding.UTF8, "application/yaml"), Ct);
        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        var scenarioId = (await saved.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
        // A scenario day a minute: batch 1 is due 12 scenario hours (30 wall seconds) after the start.
        var cohort = await admin.PostAsJsonAsync("/api/v1/admin/cohorts", new
        {
            name = "Iris on three silos",
            scenarioId,
            version = 1,
            startsAt = DateTimeOffset.UtcNow - TimeSpan.FromSeconds(5),
            speed = 1440,
        }, Ct);
        cohort.EnsureSuccessStatusCode();
        var cohortId = (await cohort.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
        var enrolled = await admin.PostAsync($"/api/v1/admin/cohorts/{cohortId}/enrollments",
            new StringContent("studentId,name,email\nada,Ada,ada@example.org\n", Encoding.UTF8, "text/csv"), Ct);
        enrolled.EnsureSuccessStatusCode();
        var token = (await enrolled.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("students")[0].GetProperty("token").GetString()!;
        using var student = new HttpClient { BaseAddress = cluster.Address };
        student.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var release = await student.GetStringAsync("/api/v1/releases/1.csv", Ct);
        var features = await student.GetStringAsync("/api/v1/batches/1/features.csv", Ct);
        var ids = features.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')[0]).Distinct().ToList();
        var submitted = await student.PostAsync("/api/v1/batches/1/predictions",
            new StringContent("id,prediction\n" + string.Concat(ids.Select(id => $"{id},1\n")), Encoding.UTF8, "text/csv"), Ct);
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var scored = await Eventually.ReturnsAsync(() => BatchAsync(student, 1), b => b.GetProperty("status").GetString() == "scored",
            "batch 1 to be scored by a silo", TimeSpan.FromSeconds(90), cancellationToken: Ct);

        foreach (var silo in cluster.Silos)
        {
            await silo.KillAsync();
        }

        await using var siloD = await StartSiloAsync(cluster.Settings, "silo-d");
        var again = await Eventually.ReturnsAsync(() => TryGetStringAsync(student, "/api/v1/releases/1.csv"), text => text is not null,
            "release 1 to be served by the new silo", HostStartTimeout, cancellationToken: Ct);
        var grade = await student.GetFromJsonAsync<JsonElement>("/api/v1/grade", Ct);

        Assert.Equal(31, release.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(release, again);
        Assert.InRange(scored.GetProperty("relativeScore").GetDouble(), 0, 1);
        var quality = grade.GetProperty("criteria").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "batchQuality");
        Assert.Contains("reference model", quality.GetProperty("feedback").GetString(), StringComparison.Ordinal);
        // One class for every row: about a third right, far from the oracle reference model (about 0.95 on Iris).
        Assert.InRange(quality.GetProperty("score").GetDouble(), 0, 0.3);
    }

    private static async Task<JsonElement> BatchAsync(HttpClient student, int seq) =>
        (await student.GetFromJsonAsync<JsonElement>("/api/v1/batches", Ct)).EnumerateArray().Single(b => b.GetProperty("seq").GetInt32() == seq);

    private static async Task<string?> TryGetStringAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, Ct);
        return response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync(Ct) : null;
    }
}
