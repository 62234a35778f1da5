using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using PPipe.Integration.Tests.Infrastructure;
using PPipe.TestSupport;

namespace PPipe.Integration.Tests.Hosting;

/// <summary>The default run command's process, started from the built output on a loopback port.</summary>
public sealed class EmbeddedModeTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Frontend_DefaultConfiguration_ServesHomePageAndSaysNothingPersists()
    {
        var port = FreePort.Next();
        await using var frontend = HostProcess.Start("frontend", RepoPaths.FrontendDll, new Dictionary<string, string>(),
            "--urls", $"http://127.0.0.1:{port}");
        var serving = await frontend.WaitForLineAsync("P-PIPE is serving", StartTimeout);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        var response = await http.GetAsync("/", TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Contains($"http://127.0.0.1:{port}", serving);
        Assert.Contains("Nothing persists", frontend.Output);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<h1>P-PIPE</h1>", html);
        Assert.Contains("Nothing persists", html);
        Assert.Contains("Memory", html);
    }

    [Fact]
    public async Task Frontend_DefaultConfiguration_SeedsADemoCohortInMotionThatAssessesMonitoring()
    {
        var port = FreePort.Next();
        await using var frontend = HostProcess.Start("frontend", RepoPaths.FrontendDll, new Dictionary<string, string>(),
            "--urls", $"http://127.0.0.1:{port}");
        var keyLine = await frontend.WaitForLineAsync("Instructor API key for this run", StartTimeout);
        var key = keyLine[(keyLine.LastIndexOf(' ') + 1)..];
        var demoLine = await frontend.WaitForLineAsync("Demo: cohort ", StartTimeout);
        var cohort = demoLine[(demoLine.IndexOf("Demo: cohort ", StringComparison.Ordinal) + "Demo: cohort ".Length)..].Split(' ')[0];
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var ct = TestContext.Current.CancellationToken;

        var summary = await Eventually.ReturnsAsync(
            async () => JsonDocument.Parse(await http.GetStringAsync($"/api/v1/admin/cohorts/{cohort}/summary", ct)).RootElement,
            s => s.GetProperty("fetchedAnyRelease").GetInt32() > 0, "demo students fetching data",
            TimeSpan.FromSeconds(60), cancellationToken: TestContext.Current.CancellationToken);

        var grade = JsonDocument.Parse(await http.GetStringAsync($"/api/v1/admin/cohorts/{cohort}/students/sim-01/grade", ct)).RootElement;

        Assert.True(summary.GetProperty("enrolled").GetInt32() >= 8);
        Assert.Equal("running", summary.GetProperty("cohort").GetProperty("status").GetString());
        Assert.Contains("monitoring", grade.GetProperty("criteria").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task AdminApi_GeneratedKey_AcceptedAndOthersRefused()
    {
        var port = FreePort.Next();
        await using var frontend = HostProcess.Start("frontend", RepoPaths.FrontendDll, new Dictionary<string, string>(),
            "--urls", $"http://127.0.0.1:{port}");
        var keyLine = await frontend.WaitForLineAsync("Instructor API key for this run", StartTimeout);
        var key = keyLine[(keyLine.LastIndexOf(' ') + 1)..];
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var ct = TestContext.Current.CancellationToken;

        var anonymous = await http.GetAsync("/api/v1/admin/cluster", ct);
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/api/v1/admin/cluster");
        wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key + "x");
        var wrongResponse = await http.SendAsync(wrong, ct);
        using var right = new HttpRequestMessage(HttpMethod.Get, "/api/v1/admin/cluster");
        right.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var rightResponse = await http.SendAsync(right, ct);
        var cluster = await rightResponse.Content.ReadFromJsonAsync<JsonElement>(ct);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongResponse.StatusCode);
        Assert.Equal(HttpStatusCode.OK, rightResponse.StatusCode);
        Assert.Equal("Memory", cluster.GetProperty("storage").GetString());
        Assert.Equal(1, cluster.GetProperty("silos").GetArrayLength());
    }
}
