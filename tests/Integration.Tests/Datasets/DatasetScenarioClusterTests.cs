using System.Globalization;
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
/// Scenarios over datasets in cluster mode: three PPipe.Silo processes and a front end on real PostgreSQL. The front end
/// fits the reference models and stores their predictions in the dataset tables; the silos load the rows and the
/// predictions on their own to serve releases and score batches, and a silo started after every first one was killed
/// does the same from storage alone. One cluster runs both a classification over Iris and a forecast over weekly CO2,
/// side by side, so the start-up and the killing are paid once.
/// </summary>
public sealed class DatasetScenarioClusterTests
{
    private const string IrisSpec = """
        dataset: {id: iris, version: 1}
        duration: 10d
        releases: {first: 0d, cadence: 1d, rows: 30}
        batches: {first: 0d, cadence: 5d, rows: 20, dueAfter: 12h, labelDelay: 0s, submissionLimit: 3}
        endpoint: {enabled: false}
        drift:
          - {at: 5d, kind: label, classes: {"2": 4}}
        grading: {criteria: {acquisition: 1, batchQuality: 1, punctuality: 1}}
        """;

    /// <summary>
    /// The weekly CO2 series as its default forecast spec paces it (a recorded week every 2 scenario hours, 260 weeks of
    /// history, a release a day, four weeks ahead a batch), but with batch 1 due 12 hours after it opens, as Iris's is.
    /// </summary>
    private const string Co2Spec = """
        dataset: {id: co2-weekly, version: 1}
        task: forecast
        duration: 10d
        forecast: {horizon: 4, season: 52, history: 520h, step: 2h}
        releases: {first: 0d, cadence: 1d}
        batches: {first: 0d, cadence: 1d, dueAfter: 12h, labelDelay: 0s, submissionLimit: 3}
        endpoint: {enabled: false}
        grading: {criteria: {acquisition: 1, batchQuality: 1, punctuality: 1}}
        """;

    /// <summary>Release 1 of the forecast: 260 weeks of history and the 12 weeks of its first day.</summary>
    private const int Co2ReleaseRows = 260 + 12;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DatasetScenarios_IrisAndAForecast_OnThreeSilos_ServedAndScored_ThenServedAgainAfterEverySiloIsKilled()
    {
        await using var cluster = await ThreeSiloCluster.StartAsync("datasetscenario");
        using var admin = cluster.Admin();
        await UploadAsync(admin, "iris", PublicDatasets.Iris(), new { target = "species" });
        await UploadAsync(admin, "co2-weekly", PublicDatasets.Co2Weekly(), new { target = "co2", timeColumn = "week" });
        var irisScenario = await SaveScenarioAsync(admin, IrisSpec);
        var co2Scenario = await SaveScenarioAsync(admin, Co2Spec);
        using var iris = await EnrollAsync(cluster, admin, irisScenario, "Iris on three silos");
        using var co2 = await EnrollAsync(cluster, admin, co2Scenario, "CO2 forecast on three silos");

        var irisRelease = await iris.GetStringAsync("/api/v1/releases/1.csv", Ct);
        await SubmitAsync(iris, _ => "1");
        var co2Release = await co2.GetStringAsync("/api/v1/releases/1.csv", Ct);
        var released = Co2Rows(co2Release);
        // A naive forecast: the newest released week's value for every week asked.
        var newest = released.MaxBy(r => r.Week).Value.ToString(CultureInfo.InvariantCulture);
        await SubmitAsync(co2, _ => newest);
        var irisScored = await ScoredAsync(iris);
        var co2Scored = await ScoredAsync(co2);

        foreach (var silo in cluster.Silos)
        {
            await silo.KillAsync();
        }

        await using var siloD = await StartSiloAsync(cluster.Settings, "silo-d");
        var irisAgain = await Eventually.ReturnsAsync(() => TryGetStringAsync(iris, "/api/v1/releases/1.csv"), text => text is not null,
            "Iris release 1 to be served by the new silo", HostStartTimeout, cancellationToken: Ct);
        var co2Again = await Eventually.ReturnsAsync(() => TryGetStringAsync(co2, "/api/v1/releases/1.csv"), text => text is not null,
            "CO2 release 1 to be served by the new silo", HostStartTimeout, cancellationToken: Ct);
        var irisGrade = await iris.GetFromJsonAsync<JsonElement>("/api/v1/grade", Ct);
        var co2Grade = await co2.GetFromJsonAsync<JsonElement>("/api/v1/grade", Ct);

        Assert.Equal(31, irisRelease.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(irisRelease, irisAgain);
        Assert.InRange(irisScored.GetProperty("relativeScore").GetDouble(), 0, 1);
        var irisQuality = BatchQuality(irisGrade);
        Assert.Contains("reference model", irisQuality.GetProperty("feedback").GetString(), StringComparison.Ordinal);
        // One class for every row: about a third right, far from the oracle reference model (about 0.95 on Iris).
        Assert.InRange(irisQuality.GetProperty("score").GetDouble(), 0, 0.3);

        var co2Lines = co2Release.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("id,week,co2", co2Lines[0]);
        Assert.Equal("1985-08-10T00:00:00Z", co2Lines[1].Split(',')[1]);
        Assert.Equal(Co2ReleaseRows, released.Count);
        Assert.Equal(co2Release, co2Again);
        // The student's copy is the recorded series times a factor of their own, each value rounded to one decimal.
        var recorded = RecordedCo2();
        var factors = released.Select(r => r.Value / recorded[r.Week]).ToList();
        Assert.InRange(factors.Max() - factors.Min(), 0, 0.001);
        Assert.InRange(factors.Average(), 0.79, 1.26);
        Assert.True(double.IsFinite(co2Scored.GetProperty("score").GetDouble()), $"batch 1's MASE is {co2Scored.GetProperty("score")}");
        Assert.InRange(co2Scored.GetProperty("relativeScore").GetDouble(), 0, 1);
        // The last value four weeks on loses to the reference models, and the feedback gives their MASE on batch 1.
        Assert.Contains("the stale model scores", BatchQuality(co2Grade).GetProperty("feedback").GetString(), StringComparison.Ordinal);
    }

    private static JsonElement BatchQuality(JsonElement grade) =>
        grade.GetProperty("criteria").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "batchQuality");

    private static async Task UploadAsync(HttpClient admin, string id, string csv, object roles)
    {
        (await admin.PostAsync($"/api/v1/admin/datasets?id={id}", new StringContent(csv, Encoding.UTF8, "text/csv"), Ct)).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync($"/api/v1/admin/datasets/{id}/versions/1/roles", roles, Ct)).EnsureSuccessStatusCode();
    }

    private static async Task<string> SaveScenarioAsync(HttpClient admin, string spec)
    {
        var saved = await admin.PostAsync("/api/v1/admin/scenarios", new StringContent(spec, Encoding.UTF8, "application/yaml"), Ct);
        Assert.True(saved.StatusCode == HttpStatusCode.Created, await saved.Content.ReadAsStringAsync(Ct));
        return (await saved.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
    }

    /// <summary>A cohort of one student on <paramref name="scenarioId"/>, and a client that sends that student's token.</summary>
    private static async Task<HttpClient> EnrollAsync(ThreeSiloCluster cluster, HttpClient admin, string scenarioId, string name)
    {
        // A scenario day a minute: batch 1 is due 12 scenario hours (30 wall seconds) after the start.
        var cohort = await admin.PostAsJsonAsync("/api/v1/admin/cohorts", new
        {
            name,
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
        var student = new HttpClient { BaseAddress = cluster.Address };
        student.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return student;
    }

    /// <summary>Predictions for every row batch 1 asks for, <paramref name="prediction"/> of each row's id.</summary>
    private static async Task SubmitAsync(HttpClient student, Func<string, string> prediction)
    {
        var features = await student.GetStringAsync("/api/v1/batches/1/features.csv", Ct);
        var ids = features.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')[0]).Distinct().ToList();
        var submitted = await student.PostAsync("/api/v1/batches/1/predictions",
            new StringContent("id,prediction\n" + string.Concat(ids.Select(id => $"{id},{prediction(id)}\n")), Encoding.UTF8, "text/csv"), Ct);
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
    }

    private static Task<JsonElement> ScoredAsync(HttpClient student) =>
        Eventually.ReturnsAsync(() => BatchAsync(student, 1), b => b.GetProperty("status").GetString() == "scored",
            "batch 1 to be scored by a silo", TimeSpan.FromSeconds(90), cancellationToken: Ct);

    private static async Task<JsonElement> BatchAsync(HttpClient student, int seq) =>
        (await student.GetFromJsonAsync<JsonElement>("/api/v1/batches", Ct)).EnumerateArray().Single(b => b.GetProperty("seq").GetInt32() == seq);

    private static async Task<string?> TryGetStringAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, Ct);
        return response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync(Ct) : null;
    }

    /// <summary>The rows of a release of the forecast (<c>id,week,co2</c>): each week and its value.</summary>
    private static List<(DateTimeOffset Week, double Value)> Co2Rows(string release) =>
        [.. release.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(line => line.Split(','))
            .Select(cells => (DateTimeOffset.Parse(cells[1], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                double.Parse(cells[2], CultureInfo.InvariantCulture)))];

    /// <summary>co2_weekly.csv's value of each week, the week read as midnight UTC.</summary>
    private static Dictionary<DateTimeOffset, double> RecordedCo2() =>
        PublicDatasets.Co2Weekly().Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(line => line.Trim().Split(','))
            .ToDictionary(
                cells => DateTimeOffset.Parse(cells[0], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                cells => double.Parse(cells[1], CultureInfo.InvariantCulture));
}
