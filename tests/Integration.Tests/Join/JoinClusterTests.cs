using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using PPipe.Integration.Tests.Infrastructure;
using PPipe.TestSupport;

namespace PPipe.Integration.Tests.Join;

/// <summary>
/// Joining in cluster mode: two silo processes and two front ends on PostgreSQL, mail to the test SMTP server. A join
/// asked on one front end is confirmed on the other after a silo was killed, a replay is refused on the first, and the
/// per-address limit holds across front ends: all of it lives in grains, none in one front end's memory.
/// </summary>
public sealed class JoinClusterTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Join_AskedOnOneFrontEndConfirmedOnAnotherAfterASiloDied_OneEnrollmentAndLimitsShared()
    {
        var (smtpPort, mail) = MailDrop.TestServer();
        await using var database = await PostgresServer.CreateDatabaseAsync("join");
        var settings = new ClusterSettings(database.ConnectionString);
        var (portA, portB) = (FreePort.Next(), FreePort.Next());
        var site = new Uri($"http://127.0.0.1:{portA}/");
        Dictionary<string, string> WithMail(Dictionary<string, string> environment) => new(environment)
        {
            ["Site__PublicUrl"] = site.ToString(),
            ["Mail__Smtp__Host"] = "127.0.0.1",
            ["Mail__Smtp__Port"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mail__Smtp__Security"] = "None",
        };
        await using var siloA = HostProcess.Start("silo-a", RepoPaths.SiloDll, WithMail(settings.ForSilo()));
        await using var siloB = HostProcess.Start("silo-b", RepoPaths.SiloDll, WithMail(settings.ForSilo()));
        await Task.WhenAll(siloA.WaitForLineAsync("Application started", StartTimeout), siloB.WaitForLineAsync("Application started", StartTimeout));
        await using var frontA = HostProcess.Start("front-a", RepoPaths.FrontendDll, WithMail(settings.ForFrontendClient(portA)));
        await using var frontB = HostProcess.Start("front-b", RepoPaths.FrontendDll, WithMail(settings.ForFrontendClient(portB)));
        await Task.WhenAll(frontA.WaitForLineAsync("P-PIPE is serving", StartTimeout), frontB.WaitForLineAsync("P-PIPE is serving", StartTimeout));
        using var adminA = Client(portA, settings.AdminKey);
        using var anonymousA = Client(portA, null);
        using var anonymousB = Client(portB, null);

        var cohort = await CreateCohortAsync(adminA);
        var code = (await (await adminA.PostAsJsonAsync($"/api/v1/admin/cohorts/{cohort}/join", new { }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct))
            .GetProperty("code").GetString()!;
        var address = $"cluster-{Guid.NewGuid():N}@example.edu";
        var asked = await anonymousB.PostAsJsonAsync($"/api/v1/join/{code}", new { name = "Clustered Student", email = address }, Ct);
        var link = MailDrop.LinkIn(Assert.Single(await mail.WaitForAsync(address, cancellationToken: Ct)), site + "join/confirm?t=");
        var ticket = System.Web.HttpUtility.ParseQueryString(link.Query)["t"]!;

        await siloA.KillAsync();
        await Eventually.ReturnsAsync(() => ActiveSilosAsync(portB, settings.AdminKey), n => n == 1, "silo A to be declared dead",
            TimeSpan.FromSeconds(60), Ct);
        var confirmed = await anonymousB.PostAsJsonAsync("/api/v1/join/confirm", new { ticket }, Ct);
        var token = (await confirmed.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("token").GetString()!;
        var replay = await anonymousA.PostAsJsonAsync("/api/v1/join/confirm", new { ticket }, Ct);
        using var student = Client(portA, token);
        var me = await student.GetAsync("/api/v1/me", Ct);

        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, replay.StatusCode);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        var joinLink = await Client(portB, settings.AdminKey).GetFromJsonAsync<JsonElement>($"/api/v1/admin/cohorts/{cohort}/join", Ct);
        Assert.Equal(1, joinLink.GetProperty("joined").GetInt32());

        // The allowance of one address is one, whichever front end is asked.
        var eager = $"eager-{Guid.NewGuid():N}@example.edu";
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            answers.Add((await (i % 2 == 0 ? anonymousA : anonymousB).PostAsJsonAsync("/api/v1/signin-links", new { email = eager }, Ct)).StatusCode);
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Accepted, 5), HttpStatusCode.TooManyRequests], answers);
    }

    private static async Task<string> CreateCohortAsync(HttpClient admin)
    {
        var response = await Eventually.ReturnsAsync(
            () => admin.PostAsJsonAsync("/api/v1/admin/cohorts",
                new { name = "Cluster join", scenarioId = "taxi-fares", version = 1, startsAt = DateTimeOffset.UtcNow, speed = 60 }, Ct),
            r => r.StatusCode == HttpStatusCode.Created, "the cohort to be created", TimeSpan.FromSeconds(60), Ct);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
    }

    private static async Task<int> ActiveSilosAsync(int port, string adminKey)
    {
        using var admin = Client(port, adminKey);
        return (await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/cluster", Ct)).GetProperty("silos").GetArrayLength();
    }

    private static HttpClient Client(int port, string? bearer)
    {
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        if (bearer is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return http;
    }
}
