using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PPipe.Simulation.Tests.Learning;
using PPipe.TestSupport;

namespace PPipe.Simulation.Tests.Students;

/// <summary>
/// A stand-in for the platform that speaks the student side of api-v1 (me, releases with ETags, release
/// downloads, the bucket, batches, submissions, endpoint registration with a verification probe, incident reports), with
/// releases and batches published when a test says so. Data comes from a built-in template's generator.
/// Tokens are "token-&lt;student&gt;"; the platform is in scenario time at speed 1 (wall time = scenario time).
/// </summary>
public sealed class FakePlatform : IAsyncDisposable
{
    public const string Bucket = "b-fake";
    public const string AccessKeyId = "AKIDFAKE";

    private readonly TemplateData _data;
    private readonly ConcurrentDictionary<int, string> _channels = new();
    private readonly ConcurrentDictionary<int, (DateTimeOffset OpensAt, DateTimeOffset DueAt)> _batches = new();
    private readonly ConcurrentDictionary<int, string> _releaseCsv = new();
    private readonly HttpClient _prober = new();
    private LoopbackServer _server = null!;
    private int _throttle;
    private int _downloadFailures;
    private int _outage;

    private FakePlatform(string templateId)
    {
        _data = new TemplateData(templateId);
    }

    public const string AdminKey = "admin-key";

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Bodies of cohort creations, and rosters enrolled.</summary>
    public ConcurrentQueue<JsonElement> Cohorts { get; } = new();

    public ConcurrentQueue<List<JsonElement>> Rosters { get; } = new();

    /// <summary>Scenario specs uploaded (each gets the id <c>s-fake</c>, version 1).</summary>
    public ConcurrentQueue<string> Specs { get; } = new();

    /// <summary>Incident reports received, by student (refused ones too).</summary>
    public ConcurrentQueue<(string Student, JsonElement Report)> Reports { get; } = new();

    /// <summary>Refuse incident reports with 429, as past the day's limit.</summary>
    public bool RefuseReports { get; set; }

    /// <summary>Every deploy announced (<c>POST /api/v1/deployments</c>), with the student and when it came.</summary>
    public ConcurrentQueue<(string Student, JsonElement Announcement, DateTimeOffset At)> Deployments { get; } = new();

    public TemplateData Data => _data;

    /// <summary>When the scenario ends; far away unless a test sets it.</summary>
    public DateTimeOffset EndsAt { get; set; } = DateTimeOffset.UtcNow.AddHours(1);

    public ConcurrentQueue<FakeSubmission> Submissions { get; } = new();

    /// <summary>Endpoint URLs registered, by student.</summary>
    public ConcurrentQueue<(string Student, string Url, int ProbeStatus)> Registrations { get; } = new();

    /// <summary>Successful release downloads: (student, seq, channel).</summary>
    public ConcurrentQueue<(string Student, int Seq, string Channel)> Downloads { get; } = new();

    /// <summary>Release-list answers: 200 and 304.</summary>
    public ConcurrentQueue<(string Student, int Status)> Polls { get; } = new();

    /// <summary>Unsigned or wrongly scoped bucket requests.</summary>
    public int BadSignatures;

    public static async Task<FakePlatform> StartAsync(string templateId = "taxi-fares")
    {
        var platform = new FakePlatform(templateId);
        platform._server = await LoopbackServer.StartAsync(platform.Map, TestContext.Current.CancellationToken);
        platform.BaseAddress = platform._server.BaseAddress;
        return platform;
    }

    /// <summary>Makes release <paramref name="seq"/> available through <paramref name="channel"/>, with column
    /// <paramref name="renamed"/>.From published as .To when given.</summary>
    public void Publish(int seq, string channel = "api", (string From, string To)? renamed = null)
    {
        var csv = _data.ReleaseCsv(seq);
        if (renamed is var (from, to))
        {
            var header = csv.IndexOf('\n', StringComparison.Ordinal);
            csv = string.Join(',', csv[..header].Split(',').Select(c => c == from ? to : c)) + csv[header..];
        }

        _releaseCsv[seq] = csv;
        _channels[seq] = channel;
    }

    /// <summary>Opens batch <paramref name="seq"/> now, due after <paramref name="openFor"/>.</summary>
    public void OpenBatch(int seq, TimeSpan openFor)
    {
        var now = DateTimeOffset.UtcNow;
        _batches[seq] = (now, now + openFor);
    }

    /// <summary>The next <paramref name="answers"/> release-list requests get 429 with <c>Retry-After: 0</c>.</summary>
    public void Throttle(int answers) => Interlocked.Exchange(ref _throttle, answers);

    /// <summary>The next <paramref name="answers"/> release downloads get 503 without a body (as when the cluster fails over).</summary>
    public void FailDownloads(int answers) => Interlocked.Exchange(ref _downloadFailures, answers);

    /// <summary>The next <paramref name="answers"/> release-list requests get the api channel's outage: 503 with its problem.</summary>
    public void ApiOutage(int answers) => Interlocked.Exchange(ref _outage, answers);

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _prober.Dispose();
    }

    private void Map(WebApplication app)
    {
        app.MapGet("/api/v1/me", (HttpContext http) => Student(http) is { } student ? Results.Ok(Me()) : Results.Unauthorized());
        app.MapGet("/api/v1/releases", (HttpContext http, int? after) => Releases(http, after ?? 0));
        app.MapGet("/api/v1/releases/{seq:int}.csv", (HttpContext http, int seq) => Download(http, seq, "api"));
        app.MapGet("/s3/{bucket}/releases/{key}", (HttpContext http, string bucket, string key) => Object(http, bucket, key));
        app.MapGet("/api/v1/batches", (HttpContext http) => Student(http) is null ? Results.Unauthorized() : Results.Ok(Batches()));
        app.MapGet("/api/v1/batches/{seq:int}/features.csv", (HttpContext http, int seq) =>
            Student(http) is null ? Results.Unauthorized()
            : _batches.ContainsKey(seq) ? Results.Text(_data.BatchCsv(seq), "text/csv")
            : Results.NotFound());
        app.MapPost("/api/v1/batches/{seq:int}/predictions", (HttpContext http, int seq) => SubmitAsync(http, seq));
        app.MapPut("/api/v1/endpoint", (Delegate)(Func<HttpContext, Task<IResult>>)RegisterAsync);
        app.MapPost("/api/v1/incidents", async (HttpContext http) =>
        {
            if (Student(http) is not { } student)
            {
                return Results.Unauthorized();
            }

            Reports.Enqueue((student, await http.Request.ReadFromJsonAsync<JsonElement>(http.RequestAborted)));
            return RefuseReports
                ? Results.Problem(statusCode: 429, title: "Incident report limit reached.")
                : Results.Json(new { incident = new { id = $"inc-{Reports.Count:0000}" }, remainingToday = 9 }, statusCode: 201);
        });
        app.MapPost("/api/v1/deployments", async (HttpContext http) =>
        {
            if (Student(http) is not { } student)
            {
                return Results.Unauthorized();
            }

            var announcement = await http.Request.ReadFromJsonAsync<JsonElement>(http.RequestAborted);
            Deployments.Enqueue((student, announcement, DateTimeOffset.UtcNow));
            return Results.Json(new { id = Deployments.Count, version = announcement.GetProperty("version").GetString() }, statusCode: 201);
        });
        app.MapPost("/api/v1/admin/scenarios", async (HttpContext http) =>
        {
            if (http.Request.Headers.Authorization.ToString() != "Bearer " + AdminKey)
            {
                return Results.Unauthorized();
            }

            if (http.Request.ContentType?.StartsWith("application/yaml", StringComparison.Ordinal) != true)
            {
                return Results.StatusCode(415);
            }

            Specs.Enqueue(await new StreamReader(http.Request.Body).ReadToEndAsync(http.RequestAborted));
            return Results.Json(new { id = "s-fake", version = 1 }, statusCode: 201);
        });
        app.MapPost("/api/v1/admin/cohorts", async (HttpContext http) =>
        {
            if (http.Request.Headers.Authorization.ToString() != "Bearer " + AdminKey)
            {
                return Results.Unauthorized();
            }

            Cohorts.Enqueue(await http.Request.ReadFromJsonAsync<JsonElement>(http.RequestAborted));
            return Results.Json(new { id = "c-fake" }, statusCode: 201);
        });
        app.MapPost("/api/v1/admin/cohorts/{id}/enrollments", async (HttpContext http, string id) =>
        {
            if (http.Request.Headers.Authorization.ToString() != "Bearer " + AdminKey)
            {
                return Results.Unauthorized();
            }

            var roster = (await http.Request.ReadFromJsonAsync<JsonElement>(http.RequestAborted)).EnumerateArray().ToList();
            Rosters.Enqueue(roster);
            return Results.Ok(new
            {
                enrolled = roster.Count,
                refused = 0,
                students = roster.Select((s, i) => new { row = i + 1, studentId = s.GetProperty("studentId").GetString(), token = "token-" + s.GetProperty("studentId").GetString() }),
                errors = Array.Empty<object>(),
            });
        });
    }

    private static string? Student(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer token-", StringComparison.Ordinal) ? header["Bearer token-".Length..] : null;
    }

    private object Me() => new
    {
        enrollmentId = "c-fake/s",
        scenario = new
        {
            id = _data.Scenario.TemplateId,
            task = _data.Scenario.Task.ToString().ToLowerInvariant(),
            target = _data.Scenario.Target.Name,
            metric = JsonNamingPolicy.CamelCase.ConvertName(_data.Scenario.Metric.ToString()),
            positiveClass = _data.Scenario.Target.PositiveClass,
        },
        clock = new { now = DateTimeOffset.UtcNow, speed = 1.0, startsAt = DateTimeOffset.UtcNow.AddMinutes(-1), endsAt = EndsAt, paused = false },
        channels = new[] { "api", "bucket" },
        bucket = new { endpoint = BaseAddress + "s3", bucket = Bucket, accessKeyId = AccessKeyId, secretAccessKey = "secret", region = "us-east-1" },
    };

    private IResult Releases(HttpContext http, int after)
    {
        if (Student(http) is not { } student)
        {
            return Results.Unauthorized();
        }

        if (Interlocked.Decrement(ref _throttle) >= 0)
        {
            http.Response.Headers.RetryAfter = "0";
            return Results.StatusCode(429);
        }

        if (Interlocked.Decrement(ref _outage) >= 0)
        {
            http.Response.Headers.RetryAfter = "0";
            return Results.Problem(statusCode: 503, title: "The api channel is down.", detail: "The api channel is in an outage; retry in 0 s.");
        }

        var releases = _channels.Keys.Where(s => s > after).Order().ToList();
        var etag = $"\"{_channels.Count}-{after}\"";
        http.Response.Headers.ETag = etag;
        if (http.Request.Headers.IfNoneMatch.ToString() == etag)
        {
            Polls.Enqueue((student, 304));
            return Results.StatusCode(304);
        }

        Polls.Enqueue((student, 200));
        return Results.Ok(new
        {
            releases = releases.Select(seq => new
            {
                seq,
                rows = 2000,
                channel = _channels[seq],
                links = _channels[seq] == "bucket"
                    ? (object)new { s3 = $"releases/{seq:0000}.csv" }
                    : new { csv = $"/api/v1/releases/{seq}.csv", jsonl = $"/api/v1/releases/{seq}.jsonl" },
            }),
            nextReleaseAt = (DateTimeOffset?)null,
        });
    }

    private IResult Download(HttpContext http, int seq, string channel)
    {
        if (Student(http) is not { } student)
        {
            return Results.Unauthorized();
        }

        if (Interlocked.Decrement(ref _downloadFailures) >= 0)
        {
            http.Response.Headers.RetryAfter = "0";
            return Results.StatusCode(503);
        }

        if (!_releaseCsv.TryGetValue(seq, out var csv))
        {
            return Results.NotFound();
        }

        Downloads.Enqueue((student, seq, channel));
        return Results.Text(csv, "text/csv");
    }

    /// <summary>GetObject; the signature's form and scope are checked (its value is checked against botocore in SignatureV4Tests).</summary>
    private IResult Object(HttpContext http, string bucket, string key)
    {
        var authorization = http.Request.Headers.Authorization.ToString();
        var date = http.Request.Headers["x-amz-date"].ToString();
        if (bucket != Bucket
            || !authorization.StartsWith($"AWS4-HMAC-SHA256 Credential={AccessKeyId}/{(date.Length >= 8 ? date[..8] : "?")}/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=", StringComparison.Ordinal)
            || http.Request.Headers["x-amz-content-sha256"].Count == 0)
        {
            Interlocked.Increment(ref BadSignatures);
            return Results.StatusCode(403);
        }

        var seq = int.Parse(key[..4], CultureInfo.InvariantCulture);
        if (!_releaseCsv.TryGetValue(seq, out var csv))
        {
            return Results.NotFound();
        }

        Downloads.Enqueue((AccessKeyId, seq, "bucket"));
        return Results.Text(csv, "text/csv");
    }

    private IEnumerable<object> Batches()
    {
        var now = DateTimeOffset.UtcNow;
        return _batches.OrderBy(b => b.Key).Select(b => (object)new
        {
            seq = b.Key,
            opensAt = b.Value.OpensAt,
            dueAt = b.Value.DueAt,
            rows = _data.Scenario.Batches!.Rows,
            status = now < b.Value.OpensAt ? "upcoming" : now < b.Value.DueAt ? "open" : "closed",
            submissions = 0,
            score = (double?)null,
            labelsAt = b.Value.DueAt.AddHours(1),
        });
    }

    private async Task<IResult> SubmitAsync(HttpContext http, int seq)
    {
        if (Student(http) is not { } student)
        {
            return Results.Unauthorized();
        }

        var body = await new StreamReader(http.Request.Body).ReadToEndAsync(http.RequestAborted);
        var at = DateTimeOffset.UtcNow;
        var late = _batches.TryGetValue(seq, out var batch) && at >= batch.DueAt;
        Submissions.Enqueue(new FakeSubmission(student, seq, at, http.Request.ContentType ?? "", body, late));
        return Results.Json(new { submissionId = Guid.NewGuid(), receivedAt = at, rows = body.Count(c => c == '\n') - 1, late }, statusCode: 202);
    }

    /// <summary>
    /// Probes the endpoint <paramref name="student"/> registered last with the rows of the verification probe (the same
    /// rows every time, as a replay sends them again) and returns the answer.
    /// </summary>
    public async Task<JsonElement> ProbeAsync(string student, CancellationToken cancellationToken)
    {
        var url = Registrations.Last(r => r.Student == student).Url;
        using var probe = await _prober.PostAsJsonAsync(url, new { instances = ProbeInstances() }, cancellationToken);
        probe.EnsureSuccessStatusCode();
        return await probe.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
    }

    /// <summary>Five rows of batch 1 as a probe sends them: the features without the id, numbers as numbers, blanks as null.</summary>
    private List<Dictionary<string, object?>> ProbeInstances()
    {
        var features = _data.BatchFeatures(1);
        return [.. features.Rows.Take(5).Select(row => features.Columns.Select((c, i) => (c, v: row[i]))
            .Where(p => p.c != "id")
            .ToDictionary(p => p.c, p => (object?)(double.TryParse(p.v, CultureInfo.InvariantCulture, out var d) ? d : p.v.Length == 0 ? null : p.v)))];
    }

    /// <summary>Registers the URL and sends one verification probe with five rows of batch 1, as the platform does.</summary>
    private async Task<IResult> RegisterAsync(HttpContext http)
    {
        if (Student(http) is not { } student)
        {
            return Results.Unauthorized();
        }

        var url = (await http.Request.ReadFromJsonAsync<JsonElement>(http.RequestAborted)).GetProperty("url").GetString()!;
        int status;
        try
        {
            using var probe = await _prober.PostAsJsonAsync(url, new { instances = ProbeInstances() }, http.RequestAborted);
            status = (int)probe.StatusCode;
        }
        catch (HttpRequestException)
        {
            status = 0; // the connection was dropped
        }

        Registrations.Enqueue((student, url, status));
        return Results.Ok(new { url, probe = new { ok = status == 200, status } });
    }
}
