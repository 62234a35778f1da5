using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PPipe.Integration.Tests.Infrastructure;
using PPipe.TestSupport;
using static PPipe.Integration.Tests.Infrastructure.ClusterHosts;

namespace PPipe.Integration.Tests.Hosting;

/// <summary>
/// Calendar feeds in cluster mode: two front ends (Orleans clients) of silo processes on PostgreSQL. What one front end
/// changes (a rotation, an extension) the other serves at once, and the feed outlives the silos that held it.
/// </summary>
public sealed class CalendarClusterTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Feed_RotatedAndExtendedThroughOneFrontEnd_TheOtherServesItAtOnce_AndItSurvivesTheSilos()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync("calendar");
        var settings = new ClusterSettings(database.ConnectionString);
        await MigrateAsync(settings);
        var silo = await StartSiloAsync(settings, "silo-a");
        var (portA, portB) = (FreePort.Next(), FreePort.Next());
        await using var frontA = HostProcess.Start("frontend-a", RepoPaths.FrontendDll, settings.ForFrontendClient(portA));
        await using var frontB = HostProcess.Start("frontend-b", RepoPaths.FrontendDll, settings.ForFrontendClient(portB));
        await frontA.WaitForLineAsync("P-PIPE is serving", StartTimeout);
        await frontB.WaitForLineAsync("P-PIPE is serving", StartTimeout);
        using var a = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{portA}") };
        using var b = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{portB}") };
        var (cohort, token) = await EnrollAsync(a, settings.AdminKey);

        var first = await FeedPathAsync(b, token);
        var servedByA = await a.GetAsync(first, Ct);
        var rotated = await RotateAsync(b, token);
        var oldOnA = await a.GetAsync(first, Ct);
        var before = await a.GetStringAsync(rotated, Ct);
        await ExtendAsync(b, settings.AdminKey, cohort, "12h");
        var after = await a.GetStringAsync(rotated, Ct);

        Assert.Equal(HttpStatusCode.OK, servedByA.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, oldOnA.StatusCode);
        Assert.Equal("SEQUENCE:0", Property(before, "Batch 1 due", "SEQUENCE"));
        Assert.Equal("SEQUENCE:1", Property(after, "Batch 1 due", "SEQUENCE"));
        Assert.NotEqual(Property(before, "Batch 1 due", "DTSTART"), Property(after, "Batch 1 due", "DTSTART"));

        await silo.KillAsync();
        await silo.DisposeAsync();
        await using var replacement = await StartSiloAsync(settings, "silo-b");
        var again = await Eventually.ReturnsAsync(() => b.GetAsync(rotated, Ct), r => r.StatusCode != HttpStatusCode.ServiceUnavailable,
            "front end B to serve the feed from the new silo", StartTimeout, Ct);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(after, await again.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync(first, Ct)).StatusCode);
    }

    /// <summary>The line of <paramref name="property"/> in the event titled <paramref name="summary"/>.</summary>
    private static string Property(string calendar, string summary, string property)
    {
        var item = calendar.Split("BEGIN:VEVENT").Single(e => e.Contains($"SUMMARY:{summary}\r\n", StringComparison.Ordinal));
        return item.Split("\r\n").Single(line => line.StartsWith(property + ":", StringComparison.Ordinal));
    }

    private static async Task<(string Cohort, string Token)> EnrollAsync(HttpClient http, string adminKey)
    {
        var created = await Send(http, HttpMethod.Post, "/api/v1/admin/cohorts", adminKey, JsonContent.Create(new
        {
            name = "Calendar in a cluster",
            scenarioId = "energy-demand",
            version = 1,
            startsAt = DateTimeOffset.UtcNow,
            speed = 1440,
        }));
        var cohort = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
        var enrolled = await Send(http, HttpMethod.Post, $"/api/v1/admin/cohorts/{cohort}/enrollments", adminKey,
            new StringContent("studentId,name,email\nada,Ada,ada@example.org\n", Encoding.UTF8, "text/csv"));
        var token = (await enrolled.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("students")[0].GetProperty("token").GetString()!;
        return (cohort, token);
    }

    private static async Task<string> FeedPathAsync(HttpClient http, string token)
    {
        var schedule = await Send(http, HttpMethod.Get, "/api/v1/schedule", token);
        return new Uri((await schedule.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("feedUrl").GetString()!).PathAndQuery;
    }

    private static async Task<string> RotateAsync(HttpClient http, string token)
    {
        var rotated = await Send(http, HttpMethod.Post, "/api/v1/calendar/rotate", token);
        return new Uri((await rotated.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("feedUrl").GetString()!).PathAndQuery;
    }

    private static Task<HttpResponseMessage> ExtendAsync(HttpClient http, string adminKey, string cohort, string extension) =>
        Send(http, HttpMethod.Put, $"/api/v1/admin/cohorts/{cohort}/students/ada/extension", adminKey, JsonContent.Create(new { extension }));

    private static async Task<HttpResponseMessage> Send(HttpClient http, HttpMethod method, string path, string bearer, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        var response = await http.SendAsync(request, Ct);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        return response;
    }
}
