using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CsvHelper;
using PPipe.Cluster.Soak.Load;

namespace PPipe.Cluster.Soak.Admin;

/// <summary>The instructor's side of the API (api-v1 "Admin API") as a script would use it, through the balanced, recorded client.</summary>
public sealed class AdminClient(HttpClient http, string adminKey)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<IReadOnlyList<TemplateInfo>> TemplatesAsync(CancellationToken cancellationToken)
    {
        using var document = await GetJsonAsync("/api/v1/admin/templates", cancellationToken);
        return [.. document.RootElement.EnumerateArray().Select(t => new TemplateInfo(t.GetProperty("id").GetString()!, t.GetProperty("spec").GetString()!))];
    }

    /// <summary>Creates a cohort; returns its id and start as stored.</summary>
    public async Task<(string Id, DateTimeOffset StartsAt)> CreateCohortAsync(string name, string scenarioId, DateTimeOffset startsAt, double speed,
        CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Post, "/api/v1/admin/cohorts");
        request.Content = JsonContent.Create(new { name, scenarioId, version = 1, startsAt, speed }, options: Json);
        using var response = await http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"POST /api/v1/admin/cohorts answered {(int)response.StatusCode}: {Excerpt(body)}", null, response.StatusCode);
        }

        using var document = JsonDocument.Parse(body);
        return (document.RootElement.GetProperty("id").GetString()!, document.RootElement.GetProperty("startsAt").GetDateTimeOffset());
    }

    /// <summary>Uploads a CSV roster and times it; never throws for an HTTP answer (a failure is in the result).</summary>
    public async Task<RosterUpload> EnrollAsync(string cohortId, string csv, int rows, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Post, $"/api/v1/admin/cohorts/{cohortId}/enrollments");
        request.Content = new StringContent(csv, Encoding.UTF8, "text/csv");
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or IOException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return new RosterUpload(cohortId, rows, 0, System.Diagnostics.Stopwatch.GetElapsedTime(started), 0, 0,
                new Dictionary<string, string>(), $"{e.GetType().Name}: {e.Message}");
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
            if (!response.IsSuccessStatusCode)
            {
                return new RosterUpload(cohortId, rows, (int)response.StatusCode, elapsed, 0, 0, new Dictionary<string, string>(), Excerpt(body));
            }

            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var tokens = root.GetProperty("students").EnumerateArray()
                .ToDictionary(s => s.GetProperty("studentId").GetString()!, s => s.GetProperty("token").GetString()!, StringComparer.Ordinal);
            return new RosterUpload(cohortId, rows, (int)response.StatusCode, elapsed, root.GetProperty("enrolled").GetInt32(),
                root.GetProperty("alreadyEnrolled").GetInt32(), tokens, null);
        }
    }

    /// <summary>The silos' reports (<c>GET /api/v1/admin/cluster/operations</c>); throws when the route fails.</summary>
    public Task<JsonDocument> OperationsAsync(CancellationToken cancellationToken) =>
        GetJsonAsync("/api/v1/admin/cluster/operations", cancellationToken);

    /// <summary>The cohort summary, or null (with the status) when it could not be read.</summary>
    public async Task<(int Status, JsonDocument? Summary)> SummaryAsync(string cohortId, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Get, $"/api/v1/admin/cohorts/{cohortId}/summary");
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return response.IsSuccessStatusCode ? ((int)response.StatusCode, JsonDocument.Parse(body)) : ((int)response.StatusCode, null);
        }
        catch (Exception e) when (e is HttpRequestException or IOException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return (0, null);
        }
    }

    /// <summary>Streams grades.csv and reads every row's student and overall level, for at most <paramref name="limit"/>.</summary>
    public async Task<GradesCsv> GradesAsync(string cohortId, TimeSpan limit, CancellationToken cancellationToken)
    {
        using var within = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        within.CancelAfter(limit);
        var ct = within.Token;
        using var request = Request(HttpMethod.Get, $"/api/v1/admin/cohorts/{cohortId}/grades.csv");
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var levels = new Dictionary<string, int>(StringComparer.Ordinal);
        var rows = 0;
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            if (!response.IsSuccessStatusCode)
            {
                var body = await response.Content.ReadAsStringAsync(ct);
                return new GradesCsv((int)response.StatusCode, System.Diagnostics.Stopwatch.GetElapsedTime(started), ids, levels, 0, Excerpt(body));
            }

            // The request's token no longer reaches the body once the headers are in: past the limit, the response is torn down.
            await using var abort = ct.Register(response.Dispose);
            await using var stream = await response.Content.ReadAsStreamAsync(ct);
            using var reader = new StreamReader(stream);
            using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
            await csv.ReadAsync();
            csv.ReadHeader();
            while (await csv.ReadAsync())
            {
                rows++;
                ids.Add(csv.GetField("studentId") ?? "");
                var level = csv.GetField("overallLevel") is { Length: > 0 } l ? l : "(none)";
                levels[level] = levels.GetValueOrDefault(level) + 1;
            }

            return new GradesCsv((int)response.StatusCode, System.Diagnostics.Stopwatch.GetElapsedTime(started), ids, levels, rows, null);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or CsvHelperException or ObjectDisposedException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return new GradesCsv(200, System.Diagnostics.Stopwatch.GetElapsedTime(started), ids, levels, rows,
                $"broke after {rows} rows: {e.GetType().Name}: {e.Message}");
        }
    }

    private async Task<JsonDocument> GetJsonAsync(string path, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Get, path);
        using var response = await http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.IsSuccessStatusCode
            ? JsonDocument.Parse(body)
            : throw new HttpRequestException($"GET {path} answered {(int)response.StatusCode}: {Excerpt(body)}", null, response.StatusCode);
    }

    private HttpRequestMessage Request(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, new Uri(http.BaseAddress!, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
        request.Options.Set(RecordingHandler.ClassKey, RequestClass.Admin);
        return request;
    }

    public static string Excerpt(string body) => body.Length <= 600 ? body : body[..600] + "…";
}
