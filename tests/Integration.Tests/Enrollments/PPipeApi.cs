using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace PPipe.Integration.Tests.Enrollments;

/// <summary>What an instructor's script does over HTTP: upload a scenario, open a cohort, enroll students.</summary>
public sealed class PPipeApi(Uri baseAddress, string adminKey) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseAddress };

    public Uri BaseAddress => baseAddress;

    public async Task<string> UploadScenarioAsync(string yaml)
    {
        using var request = Admin(HttpMethod.Post, "/api/v1/admin/scenarios");
        request.Content = new StringContent(yaml, Encoding.UTF8, "application/yaml");
        var body = await SendAsync(request);
        return body.GetProperty("id").GetString()!;
    }

    public async Task<string> CreateCohortAsync(string scenarioId, DateTimeOffset startsAt, double speed)
    {
        using var request = Admin(HttpMethod.Post, "/api/v1/admin/cohorts");
        request.Content = JsonContent.Create(new { name = "Journey", scenarioId, version = 1, startsAt, speed });
        return (await SendAsync(request)).GetProperty("id").GetString()!;
    }

    /// <summary>Stops the cohort's clock; a cohort paused before its start begins when it is resumed.</summary>
    public async Task PauseAsync(string cohortId)
    {
        using var request = Admin(HttpMethod.Post, $"/api/v1/admin/cohorts/{cohortId}/pause");
        await SendAsync(request);
    }

    public async Task ResumeAsync(string cohortId)
    {
        using var request = Admin(HttpMethod.Post, $"/api/v1/admin/cohorts/{cohortId}/resume");
        await SendAsync(request);
    }

    /// <summary>Enrolls the students and returns each one's token, by student id.</summary>
    public async Task<Dictionary<string, string>> EnrollAsync(string cohortId, params string[] studentIds)
    {
        using var request = Admin(HttpMethod.Post, $"/api/v1/admin/cohorts/{cohortId}/enrollments");
        request.Content = JsonContent.Create(studentIds.Select(id => new { studentId = id, name = "Student " + id, email = id + "@example.org" }));
        var body = await SendAsync(request);
        return body.GetProperty("students").EnumerateArray()
            .ToDictionary(s => s.GetProperty("studentId").GetString()!, s => s.GetProperty("token").GetString()!);
    }

    public HttpClient Student(string token)
    {
        var http = new HttpClient { BaseAddress = baseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    public void Dispose() => _http.Dispose();

    private HttpRequestMessage Admin(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
        return request;
    }

    private async Task<JsonElement> SendAsync(HttpRequestMessage request)
    {
        using var response = await _http.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"{request.Method} {request.RequestUri} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
