using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PPipe.Api.Tests.Infrastructure;
using PPipe.Frontend.Assessment;
using PPipe.Grains.Client.Releases;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Scenarios;
using PPipe.Scenarios.Timeline;

namespace PPipe.Api.Tests.Contract;

/// <summary>Field names and spellings api-v1 fixes, as students' programs read them.</summary>
[Collection(ApiCollection.Name)]
public sealed class JsonContractTests(ApiPlatform platform)
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void WebhookBody_ApiRelease_HasTheListingsFieldsInTheApiSpelling()
    {
        var release = new ScheduledRelease(7, TimeSpan.FromDays(7), TimeSpan.FromDays(7), Channel.Webhook, 120, ["id", "amount", "is_fraud"]);

        var body = Encoding.UTF8.GetString(ReleaseNotice.Body(new EnrollmentKey("c-1", "s1"), release, At, At.AddSeconds(2)));

        Assert.Equal(
            """{"event":"release","enrollmentId":"c-1/s1","cohortId":"c-1","sentAt":"2026-12-01T09:00:02+00:00","release":{"seq":7,"releasedAt":"2026-12-01T09:00:00+00:00","rows":120,"channel":"webhook","columns":["id","amount","is_fraud"],"links":{"csv":"/api/v1/releases/7.csv","jsonl":"/api/v1/releases/7.jsonl"}}}""",
            body);
    }

    [Fact]
    public void ReleaseListingEntry_BucketRelease_LinksOnlyItsObjectKey()
    {
        var release = new ScheduledRelease(2, TimeSpan.FromDays(2), TimeSpan.FromDays(2), Channel.Bucket, 10, ["id"]);

        var json = JsonSerializer.Serialize(PublishedRelease.Of(release, null), ApiJson.Options);

        Assert.Equal("""{"seq":2,"releasedAt":null,"rows":10,"channel":"bucket","columns":["id"],"links":{"s3":"releases/0002.csv"}}""", json);
    }

    [Fact]
    public void Grade_Levels_AreWrittenAsApiV1SpellsThem()
    {
        var grade = new GradeResponse(new GradeResponse.OverallPart(0.2, GradeLevel.NotYetProficient, null),
            [new GradeResponse.CriterionPart("batchQuality", 0.5, null, null, "Nothing scored yet.")], At);

        var json = JsonSerializer.Serialize(grade, ApiJson.Options);

        Assert.Equal(
            """{"overall":{"score":0.2,"level":"NotYetProficient","feedback":null},"criteria":[{"name":"batchQuality","weight":0.5,"score":null,"level":null,"feedback":"Nothing scored yet."}],"asOf":"2026-12-01T09:00:00+00:00"}""",
            json);
    }

    [Fact]
    public async Task Me_BinaryTask_NamesTheClassesAndThePositiveClass()
    {
        var cohort = await platform.CreateCohortAsync("card-fraud");
        var tokens = await platform.EnrollAsync(cohort, "me-binary");
        using var student = platform.Student(tokens[0]);

        var scenario = (await student.GetFromJsonAsync<JsonElement>("/api/v1/me", Ct)).GetProperty("scenario");

        Assert.Equal("binary", scenario.GetProperty("task").GetString());
        Assert.Equal("rocAuc", scenario.GetProperty("metric").GetString());
        Assert.Equal(["0", "1"], scenario.GetProperty("classes").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("1", scenario.GetProperty("positiveClass").GetString());
    }

    [Fact]
    public async Task Me_ForecastTask_NamesTheSeriesHorizonAndSeason()
    {
        var cohort = await platform.CreateCohortAsync("water-demand");
        var tokens = await platform.EnrollAsync(cohort, "me-forecast");
        using var student = platform.Student(tokens[0]);

        var scenario = (await student.GetFromJsonAsync<JsonElement>("/api/v1/me", Ct)).GetProperty("scenario");

        Assert.Equal("forecast", scenario.GetProperty("task").GetString());
        Assert.Equal("mase", scenario.GetProperty("metric").GetString());
        var forecast = scenario.GetProperty("forecast");
        Assert.Equal("district", forecast.GetProperty("series").GetString());
        Assert.Equal(5, forecast.GetProperty("seriesValues").GetArrayLength());
        Assert.Equal(("1h", 24, 24, 48), (forecast.GetProperty("step").GetString(), forecast.GetProperty("horizon").GetInt32(),
            forecast.GetProperty("season").GetInt32(), forecast.GetProperty("probeHistory").GetInt32()));
    }

    [Fact]
    public async Task Me_RegressionTask_HasNoClasses()
    {
        var cohort = await platform.CreateCohortAsync("taxi-fares");
        var tokens = await platform.EnrollAsync(cohort, "me-regression");
        using var student = platform.Student(tokens[0]);

        var scenario = (await student.GetFromJsonAsync<JsonElement>("/api/v1/me", Ct)).GetProperty("scenario");

        Assert.Equal("regression", scenario.GetProperty("task").GetString());
        Assert.Equal(0, scenario.GetProperty("classes").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, scenario.GetProperty("positiveClass").ValueKind);
        Assert.Equal(JsonValueKind.Null, scenario.GetProperty("forecast").ValueKind);
    }

    [Fact]
    public async Task Batches_BeforeTheFirstOpens_StatusesAreLowerCase()
    {
        var cohort = await platform.CreateCohortAsync("card-fraud", startedAgo: TimeSpan.FromHours(-1));
        var tokens = await platform.EnrollAsync(cohort, "batches-status");
        using var student = platform.Student(tokens[0]);

        var batches = await student.GetFromJsonAsync<JsonElement>("/api/v1/batches", Ct);

        Assert.All(batches.EnumerateArray(), b => Assert.Equal("upcoming", b.GetProperty("status").GetString()));
    }
}
