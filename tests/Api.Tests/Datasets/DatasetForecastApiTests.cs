using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PPipe.Api.Tests.Infrastructure;
using PPipe.TestSupport;

namespace PPipe.Api.Tests.Datasets;

/// <summary>
/// A forecast over an uploaded dataset, end to end over real HTTP: the weekly Mauna Loa CO2 record uploaded with its time
/// column, a spec asking for a forecast of it, reference models fitted on saving, and a student who fetches the recorded
/// weeks (scaled by their own factor), forecasts the next ones and is scored by MASE against the reference models.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class DatasetForecastApiTests(ApiPlatform platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Spec(string datasetId, string extra = "") => $$$"""
        dataset: {id: {{{datasetId}}}, version: 1}
        task: forecast
        duration: 10d
        batches: {first: 0d, cadence: 1d, dueAfter: 4h, labelDelay: 0s, submissionLimit: 3, late: {policy: reject}}
        endpoint: {enabled: false}
        grading: {criteria: {acquisition: 1, batchQuality: 1, punctuality: 1}}
        {{{extra}}}
        """;

    [Fact]
    public async Task Forecast_OverCo2_StudentGetsRecordedWeeks_ForecastsTheNext_IsScoredByMase()
    {
        var datasetId = await Co2WithRolesAsync();
        using var admin = platform.Admin();

        var upload = await admin.PostAsync("/api/v1/admin/scenarios", Yaml(Spec(datasetId)), Ct);
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var scenarioId = (await upload.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
        // Batch 1 is due 4 scenario hours after the start: 10 wall seconds at a day a minute; the cohort started 4 s ago.
        var cohortId = await platform.CreateCohortAsync(scenarioId, TimeSpan.FromSeconds(4));
        using var student = platform.Student((await platform.EnrollAsync(cohortId, "s" + Guid.NewGuid().ToString("N")[..8]))[0]);

        var me = await student.GetFromJsonAsync<JsonElement>("/api/v1/me", Ct);
        var forecast = me.GetProperty("scenario").GetProperty("forecast");
        Assert.Equal(JsonValueKind.Null, forecast.GetProperty("series").ValueKind);
        Assert.Equal("2h", forecast.GetProperty("step").GetString());
        Assert.Equal(4, forecast.GetProperty("horizon").GetInt32());
        Assert.Equal(52, forecast.GetProperty("season").GetInt32());

        // Release 1: 260 weeks of history and the first day's 12 weeks, at their recorded dates, scaled by one factor.
        var recorded = PublicDatasets.Co2Weekly().Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(l => l.Split(','))
            .ToDictionary(f => DateTimeOffset.Parse(f[0], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal), f => double.Parse(f[1], CultureInfo.InvariantCulture));
        var release = (await student.GetStringAsync("/api/v1/releases/1.csv", Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["id", "week", "co2"], release[0].Split(','));
        var rows = release.Skip(1).Select(l => l.Split(','))
            .Select(f => (Week: DateTimeOffset.Parse(f[1], CultureInfo.InvariantCulture), Value: double.Parse(f[2], CultureInfo.InvariantCulture)))
            .ToList();
        Assert.Equal(272, rows.Count);
        Assert.Equal(new DateTimeOffset(1985, 8, 10, 0, 0, 0, TimeSpan.Zero), rows[0].Week);
        var factors = rows.Select(r => r.Value / recorded[r.Week]).ToList();
        Assert.InRange(factors.Max() - factors.Min(), 0, 0.001);
        Assert.InRange(factors[0], 0.79, 1.26);

        // Batch 1 asks for the four weeks after the last one released.
        var features = (await student.GetStringAsync("/api/v1/batches/1/features.csv", Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var asked = features.Skip(1).Select(l => l.Split(',')).ToList();
        var last = rows[^1];
        Assert.Equal(Enumerable.Range(1, 4).Select(w => last.Week.AddDays(7 * w)), asked.Select(f => DateTimeOffset.Parse(f[1], CultureInfo.InvariantCulture)));
        var predictions = "id,prediction\n" + string.Concat(asked.Select(f => $"{f[0]},{last.Value.ToString(CultureInfo.InvariantCulture)}\n"));
        var submitted = await student.PostAsync("/api/v1/batches/1/predictions", new StringContent(predictions, Encoding.UTF8, "text/csv"), Ct);
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);

        var (scored, quality) = await ScoredBatch.ReadAsync(student, 1, Ct);

        // Repeating the last week is a fair forecast of CO2 a month ahead: a finite MASE, scored against the references.
        Assert.InRange(scored.GetProperty("score").GetDouble(), 0, 10);
        Assert.InRange(scored.GetProperty("relativeScore").GetDouble(), 0, 1);
        Assert.Contains("reference model", quality.GetProperty("feedback").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("no-time-column", "dataset", "a forecast needs its time column")]
    [InlineData("too-short", "forecast.step", "recorded steps, and the dataset has 856")]
    [InlineData("covariate", "drift[0].kind", "no rows for covariate drift to re-weight")]
    public async Task Forecast_ItsDatasetCannotServe_422NamingThePath(string flaw, string path, string message)
    {
        using var admin = platform.Admin();
        var spec = flaw switch
        {
            "no-time-column" => Spec(await Co2WithRolesAsync(timeColumn: null)),
            "too-short" => Spec(await Co2WithRolesAsync(), "forecast: {step: 10m}"),
            _ => Spec(await Co2WithRolesAsync(), "drift:\n  - {at: 5d, kind: covariate, feature: co2, shift: 1}"),
        };

        var response = await admin.PostAsync("/api/v1/admin/scenarios", Yaml(spec), Ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(problem.GetProperty("errors").EnumerateArray(),
            e => e.GetProperty("path").GetString() == path && e.GetProperty("message").GetString()!.Contains(message, StringComparison.Ordinal));
    }

    private async Task<string> Co2WithRolesAsync(string? timeColumn = "week")
    {
        var id = "co2-" + Guid.NewGuid().ToString("N")[..10];
        using var admin = platform.Admin();
        (await admin.PostAsync($"/api/v1/admin/datasets?id={id}", new StringContent(PublicDatasets.Co2Weekly(), Encoding.UTF8, "text/csv"), Ct))
            .EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync($"/api/v1/admin/datasets/{id}/versions/1/roles", new { target = "co2", timeColumn }, Ct)).EnsureSuccessStatusCode();
        return id;
    }

    private static StringContent Yaml(string text) => new(text, Encoding.UTF8, "application/yaml");
}
