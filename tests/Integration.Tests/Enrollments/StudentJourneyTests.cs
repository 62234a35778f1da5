using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PPipe.Integration.Tests.Infrastructure;
using PPipe.TestSupport;

namespace PPipe.Integration.Tests.Enrollments;

/// <summary>
/// A cohort at high speed over real HTTP, in embedded mode and in cluster mode on PostgreSQL: a
/// scripted student fetches every release through its assigned channel, and the platform's
/// acquisition record must match exactly what the student did.
/// </summary>
public sealed class StudentJourneyTests
{
    /// <summary>One scenario day every 3 seconds.</summary>
    private const double Speed = 28_800;
    private static readonly TimeSpan Day = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private const string Spec = """
        template: taxi-fares
        title: Journey
        duration: 4d
        releases:
          first: 0d
          cadence: 1d
          rows: 40
          rotation: [api, bucket, webhook, stream]
        batches:
          rows: 25
        endpoint:
          enabled: false
        drift: []
        quirks: []
        grading:
          criteria:
            acquisition: 0.5
            batchQuality: 0.3
            punctuality: 0.2
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Journey_EmbeddedMode_AcquisitionRecordMatchesWhatTheStudentDid()
    {
        var port = FreePort.Next();
        const string adminKey = "journey-admin-key";
        var environment = Tuning(new Dictionary<string, string> { ["Admin__ApiKey"] = adminKey, ["Demo__Enabled"] = "false" });
        await using var frontend = HostProcess.Start("frontend", RepoPaths.FrontendDll, environment, "--urls", $"http://127.0.0.1:{port}");
        await frontend.WaitForLineAsync("P-PIPE is serving", StartTimeout);

        await RunJourneyAsync(new Uri($"http://127.0.0.1:{port}"), adminKey);
    }

    [Fact]
    public async Task Journey_ClusterModeSiloKilledMidRun_NothingLostAndTheRestArrives()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync("journey");
        var settings = new ClusterSettings(database.ConnectionString);
        await using var siloA = HostProcess.Start("silo-a", RepoPaths.SiloDll, Tuning(settings.ForSilo()));
        await using var siloB = HostProcess.Start("silo-b", RepoPaths.SiloDll, Tuning(settings.ForSilo()));
        await siloA.WaitForLineAsync("Application started", StartTimeout);
        await siloB.WaitForLineAsync("Application started", StartTimeout);
        var port = FreePort.Next();
        await using var frontend = HostProcess.Start("frontend", RepoPaths.FrontendDll, Tuning(settings.ForFrontendClient(port)));
        await frontend.WaitForLineAsync("P-PIPE is serving", StartTimeout);

        await RunJourneyAsync(new Uri($"http://127.0.0.1:{port}"), settings.AdminKey, midRun: siloA.KillAsync);
    }

    private static async Task RunJourneyAsync(Uri baseAddress, string adminKey, Func<Task>? midRun = null)
    {
        using var api = new PPipeApi(baseAddress, adminKey);
        var scenarioId = await api.UploadScenarioAsync(Spec);
        var startsAt = DateTimeOffset.UtcNow.AddSeconds(4);
        var cohortId = await api.CreateCohortAsync(scenarioId, startsAt, Speed);
        // Held until the student's pipeline listens: webhooks and the stream notify only releases published after
        // that, and on a busy machine enrolling and registering can take longer than the lead. A cohort paused
        // before its start begins when it is resumed.
        await api.PauseAsync(cohortId);
        var tokens = await api.EnrollAsync(cohortId, "ada", "grace");
        using var ada = api.Student(tokens["ada"]);
        using var grace = api.Student(tokens["grace"]);
        await using var receiver = await WebhookReceiver.StartAsync(TestContext.Current.CancellationToken);
        await using var student = new ScriptedStudent(ada, receiver);
        await student.StartAsync();
        // Release 2, not 1: release 1 comes out at the start, which a cohort held this long may have reached.
        var early = await ada.GetAsync("/api/v1/releases/2.csv", Ct);
        await api.ResumeAsync(cohortId);

        await student.FetchAllAsync(releases: 2, timeout: TimeSpan.FromSeconds(60));
        if (midRun is not null)
        {
            await midRun();
        }

        await student.FetchAllAsync(releases: 4, timeout: TimeSpan.FromSeconds(90));
        var bucketRelease = await ada.GetAsync("/api/v1/releases/2.csv", Ct);
        var me = await ada.GetFromJsonAsync<JsonElement>("/api/v1/me", Ct);
        var releases = (await ada.GetFromJsonAsync<JsonElement>("/api/v1/releases", Ct)).GetProperty("releases").EnumerateArray()
            .ToDictionary(r => r.GetProperty("seq").GetInt32(), r => r.GetProperty("releasedAt").GetDateTimeOffset());
        var recorded = me.GetProperty("fetched").EnumerateArray()
            .ToDictionary(f => f.GetProperty("seq").GetInt32(), f => (Channel: f.GetProperty("channel").GetString()!, At: f.GetProperty("at").GetDateTimeOffset()));
        var graceMe = await grace.GetFromJsonAsync<JsonElement>("/api/v1/me", Ct);
        var graceKeys = graceMe.GetProperty("bucket");
        using var graceAws = new AwsCli(graceKeys.GetProperty("endpoint").GetString()!, graceKeys.GetProperty("accessKeyId").GetString()!,
            graceKeys.GetProperty("secretAccessKey").GetString()!);
        var intrusion = await graceAws.RunAsync("s3", "ls", $"s3://{me.GetProperty("bucket").GetProperty("bucket").GetString()}/releases/");

        await AssertNoLabelBeforeItsRevealAsync(ada, student);
        Assert.Equal(HttpStatusCode.NotFound, early.StatusCode);
        Assert.True(early.Headers.RetryAfter?.Delta > TimeSpan.Zero, "a release not yet out says when to come back");
        Assert.Equal(HttpStatusCode.Conflict, bucketRelease.StatusCode);
        Assert.True(student.NotModified > 0, "polling with If-None-Match gets 304s between releases");
        Assert.Equal(student.Fetched.ToDictionary(f => f.Key, f => f.Value.Channel), recorded.ToDictionary(r => r.Key, r => r.Value.Channel));
        Assert.Equal(["api", "bucket", "webhook", "stream"], recorded.OrderBy(r => r.Key).Select(r => r.Value.Channel));
        Assert.All(recorded, r => Assert.InRange(r.Value.At, releases[r.Key], student.Fetched[r.Key].At.AddSeconds(1)));
        Assert.Empty(graceMe.GetProperty("fetched").EnumerateArray());
        Assert.NotEqual(0, intrusion.ExitCode);
        Assert.Contains("AccessDenied", intrusion.Error);
        Assert.NotEqual(me.GetProperty("bucket").GetProperty("bucket").GetString(), graceMe.GetProperty("bucket").GetProperty("bucket").GetString());
    }

    /// <summary>
    /// Once the labels are out, scans every response the student got before each batch's reveal time:
    /// no line may hold a batch row's id together with its true label.
    /// </summary>
    private static async Task AssertNoLabelBeforeItsRevealAsync(HttpClient student, ScriptedStudent pipeline)
    {
        var batches = await student.GetFromJsonAsync<JsonElement>("/api/v1/batches", Ct);
        var labelsAt = batches.EnumerateArray().ToDictionary(b => b.GetProperty("seq").GetInt32(), b => b.GetProperty("labelsAt").GetDateTimeOffset());
        var revealed = labelsAt.Where(b => pipeline.BatchesFetched.Contains(b.Key)).ToList();
        Assert.NotEmpty(revealed);
        foreach (var (seq, at) in revealed)
        {
            var wait = at - DateTimeOffset.UtcNow;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait + TimeSpan.FromMilliseconds(200), Ct);
            }

            var labels = (await student.GetStringAsync($"/api/v1/batches/{seq}/labels.csv", Ct))
                .Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')).ToList();
            Assert.NotEmpty(labels);
            var before = pipeline.Responses.Where(r => r.At < at).SelectMany(r => r.Body.Split('\n')).ToList();
            foreach (var label in labels)
            {
                Assert.DoesNotContain(before, line => line.Contains(label[0], StringComparison.Ordinal) && line.Contains(label[1], StringComparison.Ordinal));
            }

            Assert.Contains(before, line => line.Contains(labels[0][0], StringComparison.Ordinal));
        }
    }

    /// <summary>Test-only speed-ups: reminders every second, fast webhook retries, loopback targets allowed.</summary>
    private static Dictionary<string, string> Tuning(Dictionary<string, string> environment)
    {
        environment["Cluster__Reminders__MinimumReminderPeriod"] = "00:00:01";
        environment["Enrollments__TickPeriod"] = "00:00:01";
        environment["Webhooks__FirstRetryDelay"] = "00:00:00.200";
        environment["Outbound__AllowLoopback"] = "true";
        return environment;
    }
}
