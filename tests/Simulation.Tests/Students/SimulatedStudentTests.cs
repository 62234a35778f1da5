using System.Text.Json;
using PPipe.Simulation.Endpoints;
using PPipe.Simulation.Students;
using PPipe.TestSupport;

namespace PPipe.Simulation.Tests.Students;

/// <summary>Each archetype's habits, against a stand-in platform that publishes releases and opens batches when told.</summary>
public sealed class SimulatedStudentTests : IAsyncLifetime
{
    private readonly HttpClient _http = new();
    private readonly CancellationTokenSource _stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
    private readonly List<Task> _runs = [];
    private FakePlatform _platform = null!;
    private SimulatedEndpoints _endpoints = null!;

    public async ValueTask InitializeAsync()
    {
        _platform = await FakePlatform.StartAsync();
        _endpoints = await SimulatedEndpoints.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_runs);
        await _endpoints.DisposeAsync();
        await _platform.DisposeAsync();
        _http.Dispose();
        _stop.Dispose();
    }

    [Fact]
    public async Task Diligent_ReleasesAndAnOpenBatch_FetchesEachOnceRegistersAndSubmitsOnTime()
    {
        _platform.Publish(1);
        _platform.Publish(2);
        var ada = Start("ada", StudentArchetype.Diligent);
        await Eventually.HoldsAsync(() => ada.Activity.Trainings.Count > 0 && ada.EndpointRegistered, "a model and a registered endpoint", cancellationToken: TestContext.Current.CancellationToken);

        _platform.OpenBatch(1, TimeSpan.FromSeconds(20));
        await Eventually.HoldsAsync(() => ada.Activity.Submissions.Count == 1, "a submission", cancellationToken: TestContext.Current.CancellationToken);
        await Eventually.HoldsAsync(() => ada.Activity.NotModified > 0, "a 304 to a poll", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal([1, 2], _platform.Downloads.Where(d => d.Student == "ada").Select(d => d.Seq).Order());
        Assert.Equal([1, 2], ada.Activity.Fetches.Select(f => f.Seq).Order());
        var registration = Assert.Single(_platform.Registrations, r => r.Student == "ada");
        Assert.Equal((_endpoints.UrlOf("ada").ToString(), 200), (registration.Url, registration.ProbeStatus));
        Assert.Contains(ada.Activity.EndpointCalls, c => c.Outcome == EndpointOutcome.Answered && c.Rows == 5);
        var submission = Assert.Single(_platform.Submissions, s => s.Student == "ada");
        Assert.False(submission.Late);
        Assert.StartsWith("text/csv", submission.ContentType, StringComparison.Ordinal);
        var lines = submission.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("id,prediction", lines[0]);
        Assert.Equal(_platform.Data.Scenario.Batches!.Rows + 1, lines.Length);
        Assert.StartsWith("b0001-000000,", lines[1], StringComparison.Ordinal);
        var recorded = Assert.Single(ada.Activity.Submissions);
        Assert.True(recorded.Accepted && !recorded.Late && !recorded.Copied);
        Assert.Equal(submission.Body, ada.PredictionsFor(1));
    }

    [Fact]
    public async Task Diligent_NewReleases_RetrainsOnTheLatestWindow()
    {
        _platform.Publish(1);
        var ada = Start("ada", StudentArchetype.Diligent);
        await Eventually.HoldsAsync(() => ada.Activity.Trainings.Count == 1, "a first model", cancellationToken: TestContext.Current.CancellationToken);

        foreach (var seq in new[] { 2, 3, 4, 5 })
        {
            _platform.Publish(seq);
        }

        await Eventually.HoldsAsync(() => ada.Activity.Trainings.Any(t => t.Releases.Contains(5)), "a model with release 5", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal([1], ada.Activity.Trainings[0].Releases);
        Assert.Equal([3, 4, 5], ada.Activity.Trainings[^1].Releases);
        Assert.Equal(6000, ada.Activity.Trainings[^1].Rows);
    }

    [Fact]
    public async Task TrainsOnce_LaterReleases_KeepsItsFirstModel()
    {
        _platform.Publish(1);
        _platform.Publish(2);
        _platform.Publish(3);
        var tom = Start("tom", StudentArchetype.TrainsOnce);
        await Eventually.HoldsAsync(() => tom.Model is not null, "a model", cancellationToken: TestContext.Current.CancellationToken);
        var model = tom.Model;

        _platform.Publish(4);
        _platform.Publish(5);
        await Eventually.HoldsAsync(() => tom.Activity.Fetches.Count == 5, "every release fetched", cancellationToken: TestContext.Current.CancellationToken);
        var polls = tom.Activity.NotModified;
        await Eventually.HoldsAsync(() => tom.Activity.NotModified > polls + 2, "more polls", cancellationToken: TestContext.Current.CancellationToken);

        var training = Assert.Single(tom.Activity.Trainings);
        Assert.Equal([1, 2, 3], training.Releases);
        Assert.Same(model, tom.Model);
    }

    [Fact]
    public async Task RetrainsEveryRelease_NewReleases_TrainsOnEverythingUpToTheCap()
    {
        _platform.Publish(1);
        var rex = Start("rex", StudentArchetype.RetrainsEveryRelease, options: Options(o => o.MaxTrainingRows = 7000));
        await Eventually.HoldsAsync(() => rex.Activity.Trainings.Count == 1, "a first model", cancellationToken: TestContext.Current.CancellationToken);

        for (var seq = 2; seq <= 5; seq++)
        {
            _platform.Publish(seq);
        }

        await Eventually.HoldsAsync(() => rex.Activity.Trainings.Any(t => t.Releases.Contains(5)), "a model with release 5", cancellationToken: TestContext.Current.CancellationToken);
        var last = rex.Activity.Trainings[^1];
        Assert.Equal([1, 2, 3, 4, 5], last.Releases);
        Assert.Equal(7000, last.Rows);
    }

    [Fact]
    public async Task SubmitsLate_OpenBatch_SubmitsAfterTheDueTime()
    {
        _platform.Publish(1);
        var lea = Start("lea", StudentArchetype.SubmitsLate, options: Options(o => o.LateBy = TimeSpan.FromMilliseconds(300)));
        await Eventually.HoldsAsync(() => lea.Model is not null, "a model", cancellationToken: TestContext.Current.CancellationToken);

        _platform.OpenBatch(1, TimeSpan.FromMilliseconds(300));
        var due = DateTimeOffset.UtcNow.AddMilliseconds(300);
        await Eventually.HoldsAsync(() => lea.Activity.Submissions.Count == 1, "a submission", cancellationToken: TestContext.Current.CancellationToken);

        var submission = Assert.Single(_platform.Submissions, s => s.Student == "lea");
        Assert.True(submission.Late);
        Assert.True(submission.At >= due.AddMilliseconds(250), $"submitted {(submission.At - due).TotalMilliseconds:0} ms after the due time");
        Assert.True(Assert.Single(lea.Activity.Submissions).Late);
    }

    [Fact]
    public async Task Copier_SourceSubmitted_SubmitsExactlyTheSourcesPredictions()
    {
        _platform.Publish(1);
        var ada = Start("ada", StudentArchetype.Diligent);
        var cop = Start("cop", StudentArchetype.Copier, copyFrom: ada);
        await Eventually.HoldsAsync(() => ada.Model is not null && cop.Model is not null, "both models", cancellationToken: TestContext.Current.CancellationToken);

        _platform.OpenBatch(1, TimeSpan.FromSeconds(20));
        await Eventually.HoldsAsync(() => cop.Activity.Submissions.Count == 1 && ada.Activity.Submissions.Count == 1, "both submissions", cancellationToken: TestContext.Current.CancellationToken);

        var original = Assert.Single(_platform.Submissions, s => s.Student == "ada");
        var copy = Assert.Single(_platform.Submissions, s => s.Student == "cop");
        Assert.Equal(original.Body, copy.Body);
        Assert.True(copy.At >= original.At);
        Assert.True(Assert.Single(cop.Activity.Submissions).Copied);
        Assert.Contains(_platform.Registrations, r => r.Student == "cop"); // otherwise an ordinary student
    }

    [Fact]
    public void Copier_WithoutASource_IsRefused() =>
        Assert.Throws<ArgumentException>(() => new SimulatedStudent("cop", StudentArchetype.Copier, _platform.BaseAddress, "token-cop", _http));

    [Fact]
    public async Task NeverDeploys_WithAModel_SubmitsButNeverRegisters()
    {
        _platform.Publish(1);
        var ned = Start("ned", StudentArchetype.NeverDeploys);
        await Eventually.HoldsAsync(() => ned.Model is not null, "a model", cancellationToken: TestContext.Current.CancellationToken);

        _platform.OpenBatch(1, TimeSpan.FromSeconds(20));
        await Eventually.HoldsAsync(() => ned.Activity.Submissions.Count == 1, "a submission", cancellationToken: TestContext.Current.CancellationToken);

        Assert.DoesNotContain(_platform.Registrations, r => r.Student == "ned");
        Assert.Null(ned.EndpointUrl);
        Assert.Empty(ned.Activity.Registrations);
    }

    [Fact]
    public async Task FlakyAndSlow_Registered_ServeWithTheirBehaviour()
    {
        _platform.Publish(1);
        var flo = Start("flo", StudentArchetype.FlakyEndpoint, options: Options(o => o.FlakyFailureRate = 1));
        var sam = Start("sam", StudentArchetype.SlowEndpoint, options: Options(o => o.SlowDelay = TimeSpan.FromMilliseconds(300)));

        await Eventually.HoldsAsync(() => flo.EndpointRegistered && sam.EndpointRegistered, "both registrations", cancellationToken: TestContext.Current.CancellationToken);
        await Eventually.HoldsAsync(() => flo.Activity.EndpointCalls.Count == 1 && sam.Activity.EndpointCalls.Count == 1, "both probes recorded", cancellationToken: TestContext.Current.CancellationToken);

        Assert.NotEqual(200, Assert.Single(_platform.Registrations, r => r.Student == "flo").ProbeStatus);
        Assert.Contains(Assert.Single(flo.Activity.EndpointCalls).Outcome, new[] { EndpointOutcome.Failed, EndpointOutcome.Dropped });
        Assert.Equal(200, Assert.Single(_platform.Registrations, r => r.Student == "sam").ProbeStatus);
        var latency = Assert.Single(sam.Activity.EndpointCalls).Latency;
        Assert.True(latency >= TimeSpan.FromMilliseconds(290), $"answered in {latency.TotalMilliseconds:0.0} ms"); // timers may fire a little early
    }

    [Fact]
    public async Task BucketRelease_Fetched_WithASignedGet()
    {
        _platform.Publish(1, "bucket");
        _platform.Publish(2);
        var bea = Start("bea", StudentArchetype.Diligent);

        await Eventually.HoldsAsync(() => bea.Activity.Fetches.Count == 2, "both releases", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(0, _platform.BadSignatures);
        Assert.Equal("bucket", bea.Activity.Fetches.Single(f => f.Seq == 1).Channel);
        Assert.Equal(2000, bea.Activity.Fetches.Single(f => f.Seq == 1).Rows);
    }

    [Fact]
    public async Task ThrottledAndOutage_RetryAfter_RetriesUntilFetched()
    {
        _platform.Throttle(3);
        _platform.FailDownloads(2);
        _platform.Publish(1);
        var tim = Start("tim", StudentArchetype.Diligent);

        await Eventually.HoldsAsync(() => tim.Activity.Fetches.Count == 1, "the release", cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(tim.Activity.Throttled >= 5, $"{tim.Activity.Throttled} answers were 429 or 503");
        Assert.Empty(tim.Activity.Problems);
    }

    [Fact]
    public async Task Diligent_ApiOutageThenARenamedColumn_ReportsEachOnce()
    {
        _platform.ApiOutage(3);
        _platform.Publish(1);
        var before = DateTimeOffset.UtcNow;
        var mia = Start("mia", StudentArchetype.Diligent);
        await Eventually.HoldsAsync(() => mia.Activity.Fetches.Count == 1, "the first release", cancellationToken: TestContext.Current.CancellationToken);
        var after = DateTimeOffset.UtcNow;

        _platform.Publish(2, renamed: ("passenger_count", "passengers"));
        await Eventually.HoldsAsync(() => mia.Activity.Reports.Count == 2, "two reports", cancellationToken: TestContext.Current.CancellationToken);
        var polls = mia.Activity.NotModified;
        await Eventually.HoldsAsync(() => mia.Activity.NotModified > polls + 2, "more polls", cancellationToken: TestContext.Current.CancellationToken);

        var reports = _platform.Reports.Where(r => r.Student == "mia").Select(r => r.Report).ToList();
        Assert.Equal(2, reports.Count);
        Assert.Equal(("outage", "api"), (reports[0].GetProperty("kind").GetString(), reports[0].GetProperty("channel").GetString()));
        var began = reports[0].GetProperty("beganAt").GetDateTimeOffset();
        Assert.InRange(began, before, after); // the fake's clock runs at speed 1
        Assert.Equal("data-quality", reports[1].GetProperty("kind").GetString());
        Assert.Equal(["passenger_count", "passengers"], reports[1].GetProperty("features").EnumerateArray().Select(f => f.GetString()));
        Assert.All(mia.Activity.Reports, r => Assert.True(r.Filed));
    }

    [Fact]
    public async Task Silent_ApiOutageAndARenamedColumn_ReportsNothing()
    {
        _platform.ApiOutage(3);
        _platform.Publish(1);
        _platform.Publish(2, renamed: ("passenger_count", "passengers"));
        var sid = Start("sid", StudentArchetype.Silent);

        await Eventually.HoldsAsync(() => sid.Activity.Fetches.Count == 2 && sid.Activity.NotModified > 2, "both releases and more polls", cancellationToken: TestContext.Current.CancellationToken);

        Assert.DoesNotContain(_platform.Reports, r => r.Student == "sid");
        Assert.Empty(sid.Activity.Reports);
        Assert.True(sid.Activity.Throttled >= 3, $"{sid.Activity.Throttled} answers were 429 or 503");
    }

    [Fact]
    public async Task FalseAlarmer_NothingChanged_ReportsAProblemAnyway_BegunNoEarlierThanTheStart()
    {
        _platform.Publish(1);
        var fay = Start("fay", StudentArchetype.FalseAlarmer, options: Options(o => o.FalseAlarmerBaselessEvery = 1));

        await Eventually.HoldsAsync(() => fay.Activity.Reports.Count == 1, "a report", cancellationToken: TestContext.Current.CancellationToken);

        var report = Assert.Single(_platform.Reports, r => r.Student == "fay").Report;
        Assert.Equal("data-quality", report.GetProperty("kind").GetString());
        Assert.Single(report.GetProperty("features").EnumerateArray());
        Assert.True(fay.Activity.Reports[0].Report.BeganAt < fay.Enrollment!.StartsAt); // the fake's rows are from March 2026
        Assert.Equal(fay.Enrollment.StartsAt, report.GetProperty("beganAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Diligent_ReportRefused_NotSentAgain()
    {
        _platform.RefuseReports = true;
        _platform.ApiOutage(1);
        _platform.Publish(1);
        var rey = Start("rey", StudentArchetype.Diligent);

        await Eventually.HoldsAsync(() => rey.Activity.Reports.Count == 1, "a report", cancellationToken: TestContext.Current.CancellationToken);
        var polls = rey.Activity.NotModified;
        await Eventually.HoldsAsync(() => rey.Activity.NotModified > polls + 2, "more polls", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Single(_platform.Reports, r => r.Student == "rey");
        var filing = Assert.Single(rey.Activity.Reports);
        Assert.Equal((429, false), (filing.Status, filing.Filed));
        Assert.Contains(rey.Activity.Problems, p => p.Operation == "report incidents");
    }

    [Fact]
    public async Task ReusesVersion_Retrained_SameVersionAnswersTheSameRowsDifferently_WhereDiligentNamesEachModelAnew()
    {
        var ct = TestContext.Current.CancellationToken;
        _platform.Publish(1);
        var ada = Start("ada", StudentArchetype.Diligent);
        var rue = Start("rue", StudentArchetype.ReusesVersion);
        await Eventually.HoldsAsync(() => ada.EndpointRegistered && rue.EndpointRegistered, "both endpoints registered", cancellationToken: ct);
        var adaFirst = await _platform.ProbeAsync("ada", ct);
        var adaAgain = await _platform.ProbeAsync("ada", ct);
        var rueFirst = await _platform.ProbeAsync("rue", ct);

        _platform.Publish(2);
        _platform.Publish(3);
        await Eventually.HoldsAsync(() => ((SimulatedStudent[])[ada, rue]).All(s => s.Activity.Trainings.Any(t => t.Releases.Contains(3))),
            "both retrained with release 3", cancellationToken: ct);
        var adaLater = await _platform.ProbeAsync("ada", ct);
        var rueLater = await _platform.ProbeAsync("rue", ct);

        Assert.Equal(adaFirst.GetRawText(), adaAgain.GetRawText());
        Assert.Equal(("v1", 1), Named(adaFirst));
        Assert.NotEqual("v1", Named(adaLater).Version);
        Assert.Equal(3, Named(adaLater).TrainedThrough);
        Assert.Equal(("v1", 1), Named(rueFirst));
        Assert.Equal(("v1", 1), Named(rueLater));
        Assert.NotEqual(Predictions(rueFirst), Predictions(rueLater));
    }

    [Fact]
    public async Task NoLineageAndInflatedLineage_Trained_OneNamesNoModelTheOtherClaimsReleasesNotFetched()
    {
        var ct = TestContext.Current.CancellationToken;
        _platform.Publish(1);
        var nel = Start("nel", StudentArchetype.NoLineage);
        var ina = Start("ina", StudentArchetype.InflatedLineage);
        await Eventually.HoldsAsync(() => nel.EndpointRegistered && ina.EndpointRegistered, "both endpoints registered", cancellationToken: ct);
        var unnamed = await _platform.ProbeAsync("nel", ct);
        var inflated = await _platform.ProbeAsync("ina", ct);

        _platform.Publish(2);
        await Eventually.HoldsAsync(() => ina.Activity.Trainings.Any(t => t.Releases.Contains(2)), "a second model", cancellationToken: ct);
        var later = await _platform.ProbeAsync("ina", ct);

        Assert.False(unnamed.TryGetProperty("model", out _));
        Assert.Equal(5, unnamed.GetProperty("predictions").GetArrayLength());
        Assert.Equal(("v1", 3), Named(inflated));
        Assert.Equal(("v2", 4), Named(later));
    }

    private static (string? Version, int TrainedThrough) Named(JsonElement answer) =>
        (answer.GetProperty("model").GetProperty("version").GetString(), answer.GetProperty("model").GetProperty("trainedThrough").GetInt32());

    private static string Predictions(JsonElement answer) => answer.GetProperty("predictions").GetRawText();

    [Fact]
    public async Task RedeploysWithDowntime_NewRelease_EndpointDownThenAnswersNamingTheNewVersion()
    {
        _platform.Publish(1);
        var rex = Start("rex", StudentArchetype.RedeploysWithDowntime, options: Options(o => o.RedeployDowntime = TimeSpan.FromSeconds(4)));
        await Eventually.HoldsAsync(() => rex.EndpointRegistered, "a registered endpoint", cancellationToken: TestContext.Current.CancellationToken);
        var first = await AnswerAsync("rex");

        _platform.Publish(2);
        await Eventually.HoldsAsync(() => rex.Activity.Trainings.Count == 2, "a second model", cancellationToken: TestContext.Current.CancellationToken);
        using var down = await _http.PostAsync(_endpoints.UrlOf("rex"), Instances(), TestContext.Current.CancellationToken);
        var second = await EventuallyAnswerAsync("rex");

        Assert.Equal(("v1", 1), (first.GetProperty("model").GetProperty("version").GetString(), first.GetProperty("model").GetProperty("trainedThrough").GetInt32()));
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, down.StatusCode);
        Assert.Contains(rex.Activity.EndpointCalls, c => c.Outcome == EndpointOutcome.Redeploying);
        Assert.Equal(("v2", 2), (second.GetProperty("model").GetProperty("version").GetString(), second.GetProperty("model").GetProperty("trainedThrough").GetInt32()));
        Assert.Empty(_platform.Deployments);
    }

    [Fact]
    public async Task BlueGreen_NewRelease_AnnouncesTheDeployThenSwitchesWithoutDowntime()
    {
        _platform.Publish(1);
        var bea = Start("bea", StudentArchetype.BlueGreen);
        await Eventually.HoldsAsync(() => bea.EndpointRegistered, "a registered endpoint", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("v1", (await AnswerAsync("bea")).GetProperty("model").GetProperty("version").GetString());

        _platform.Publish(2);
        var second = await EventuallyAnswerAsync("bea", "v2");

        var announced = Assert.Single(_platform.Deployments);
        Assert.Equal(("bea", "v2"), (announced.Student, announced.Announcement.GetProperty("version").GetString()));
        Assert.Equal(2, second.GetProperty("model").GetProperty("trainedThrough").GetInt32());
        Assert.DoesNotContain(bea.Activity.EndpointCalls, c => c.Outcome is EndpointOutcome.Redeploying or EndpointOutcome.NoModel);
    }

    [Fact]
    public async Task RunAsync_ScenarioOver_Returns()
    {
        _platform.EndsAt = DateTimeOffset.UtcNow.AddMinutes(-1);
        var end = new SimulatedStudent("end", StudentArchetype.Diligent, _platform.BaseAddress, "token-end", _http, _endpoints,
            options: Options(o => o.StopAfterEnd = TimeSpan.Zero));

        await end.RunAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);

        Assert.NotNull(end.Enrollment);
        Assert.Equal("fare_usd", end.Enrollment.Target);
    }

    /// <summary>What the student's endpoint answers to five instances of the first batch, as the platform would send them.</summary>
    private async Task<System.Text.Json.JsonElement> AnswerAsync(string name)
    {
        using var response = await _http.PostAsync(_endpoints.UrlOf(name), Instances(), TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        return System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.Clone();
    }

    /// <summary>The endpoint's first answer (200) naming <paramref name="version"/> (any version when null).</summary>
    private async Task<System.Text.Json.JsonElement> EventuallyAnswerAsync(string name, string? version = null)
    {
        var answer = await Eventually.ReturnsAsync(async () =>
        {
            using var response = await _http.PostAsync(_endpoints.UrlOf(name), Instances(), TestContext.Current.CancellationToken);
            return response.IsSuccessStatusCode
                ? System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.Clone()
                : (System.Text.Json.JsonElement?)null;
        }, a => a is { } json && (version is null || json.GetProperty("model").GetProperty("version").GetString() == version),
            $"an answer from {name}'s endpoint", cancellationToken: TestContext.Current.CancellationToken);
        return answer!.Value;
    }

    private StringContent Instances()
    {
        var features = _platform.Data.BatchFeatures(1);
        var instances = features.Rows.Take(5).Select(row => features.Columns.Select((c, i) => (c, v: row[i])).Where(p => p.c != "id")
            .ToDictionary(p => p.c, p => (object?)(double.TryParse(p.v, System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : p.v.Length == 0 ? null : p.v)));
        return new StringContent(System.Text.Json.JsonSerializer.Serialize(new { instances }), System.Text.Encoding.UTF8, "application/json");
    }

    private SimulatedStudent Start(string name, StudentArchetype archetype, SimulatedStudent? copyFrom = null, SimulatedStudentOptions? options = null)
    {
        var student = new SimulatedStudent(name, archetype, _platform.BaseAddress, "token-" + name, _http, _endpoints, copyFrom, options ?? Options(_ => { }));
        _runs.Add(Task.Run(() => student.RunAsync(_stop.Token), TestContext.Current.CancellationToken));
        return student;
    }

    private static SimulatedStudentOptions Options(Action<SimulatedStudentOptions> change)
    {
        var options = new SimulatedStudentOptions { PollInterval = TimeSpan.FromMilliseconds(20), MaxBackoff = TimeSpan.FromMilliseconds(200) };
        change(options);
        return options;
    }
}
