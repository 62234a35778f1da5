using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace PPipe.Api.Bench;

/// <summary>The few api-v1 calls the benchmark makes itself: admin setup, one release listing, touching every enrollment.</summary>
public sealed class PlatformClient(Uri address, string adminKey) : IDisposable
{
    public const string ReleasesPath = "/api/v1/releases";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 64 })
    {
        BaseAddress = address,
        Timeout = TimeSpan.FromMinutes(2),
    };

    public sealed record Releases(HttpStatusCode Status, byte[] Body, string? ETag, DateTimeOffset? NextReleaseAt, int Count);

    public sealed record Enrollment(IReadOnlyList<string> Tokens, TimeSpan Elapsed, int RequestBytes);

    private sealed record CreatedCohort(string Id);

    private sealed record EnrolledStudent(int Row, string StudentId, string Token);

    private sealed record EnrollResult(int Enrolled, int Refused, List<EnrolledStudent> Students);

    private sealed record ReleaseList(List<JsonElement> Releases, DateTimeOffset? NextReleaseAt);

    public async Task<string> CreateCohortAsync(string scenarioId, DateTimeOffset startsAt, double speed, CancellationToken cancellationToken)
    {
        using var request = Admin(HttpMethod.Post, "/api/v1/admin/cohorts");
        request.Content = JsonContent.Create(new { name = "API benchmark", scenarioId, version = 1, startsAt, speed }, options: Json);
        using var response = await _http.SendAsync(request, cancellationToken);
        await EnsureAsync(response, HttpStatusCode.Created, "create the cohort", cancellationToken);
        return (await response.Content.ReadFromJsonAsync<CreatedCohort>(Json, cancellationToken))!.Id;
    }

    /// <summary>Enrolls a whole JSON roster in one request; the time covers sending it and reading every token back.</summary>
    public async Task<Enrollment> EnrollAsync(string cohortId, int students, CancellationToken cancellationToken)
    {
        var roster = JsonSerializer.SerializeToUtf8Bytes(Enumerable.Range(1, students).Select(i => new
        {
            studentId = $"s{i:00000}",
            name = $"Student {i.ToString(CultureInfo.InvariantCulture)}",
            email = $"s{i:00000}@example.org",
        }), Json);

        using var request = Admin(HttpMethod.Post, $"/api/v1/admin/cohorts/{cohortId}/enrollments");
        request.Content = new ByteArrayContent(roster);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var clock = Stopwatch.StartNew();
        using var response = await _http.SendAsync(request, cancellationToken);
        await EnsureAsync(response, HttpStatusCode.OK, "enroll the roster", cancellationToken);
        var result = (await response.Content.ReadFromJsonAsync<EnrollResult>(Json, cancellationToken))!;
        clock.Stop();

        if (result.Enrolled != students || result.Students.Count != students)
        {
            throw new InvalidOperationException($"Enrolled {result.Enrolled} of {students} students ({result.Refused} refused).");
        }

        return new Enrollment([.. result.Students.OrderBy(s => s.Row).Select(s => s.Token)], clock.Elapsed, roster.Length);
    }

    /// <summary>GET /api/v1/me once per token, with bounded concurrency: every enrollment is active afterwards.</summary>
    public async Task<TimeSpan> TouchAllAsync(IReadOnlyList<string> tokens, int concurrency, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(tokens, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (token, ct) =>
            {
                using var request = Student(HttpMethod.Get, "/api/v1/me", token);
                using var response = await _http.SendAsync(request, ct);
                await EnsureAsync(response, HttpStatusCode.OK, "GET /api/v1/me", ct);
            });
        return clock.Elapsed;
    }

    public async Task<Releases> GetReleasesAsync(string token, string? ifNoneMatch, CancellationToken cancellationToken)
    {
        using var request = Student(HttpMethod.Get, ReleasesPath, token);
        if (ifNoneMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }

        using var response = await _http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var etag = response.Headers.ETag?.ToString();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return new Releases(response.StatusCode, body, etag, null, 0);
        }

        var list = JsonSerializer.Deserialize<ReleaseList>(body, Json)!;
        return new Releases(response.StatusCode, body, etag, list.NextReleaseAt, list.Releases.Count);
    }

    public void Dispose() => _http.Dispose();

    private HttpRequestMessage Admin(HttpMethod method, string path) => Student(method, path, adminKey);

    private static HttpRequestMessage Student(HttpMethod method, string path, string token)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    private static async Task EnsureAsync(HttpResponseMessage response, HttpStatusCode expected, string what, CancellationToken cancellationToken)
    {
        if (response.StatusCode != expected)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new InvalidOperationException($"Could not {what}: HTTP {(int)response.StatusCode} (expected {(int)expected}): {body}");
        }
    }
}
