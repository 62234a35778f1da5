using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PPipe.Integration.Tests.Enrollments;
using PPipe.Integration.Tests.Infrastructure;
using PPipe.TestSupport;

namespace PPipe.Integration.Tests.Notifications;

/// <summary>
/// Notifications as operators run them: real front end and silo processes, mail to the test SMTP server (Debian's
/// aiosmtpd, started by <c>scripts/test.sh</c>), chat to a loopback receiver, and in cluster mode PostgreSQL and a silo
/// killed with SIGKILL between the decision and the delivery.
/// </summary>
public sealed class NotificationDeliveryTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan RedeliverAfter = TimeSpan.FromSeconds(2);

    private const string Spec = """
        template: taxi-fares
        title: Notifications
        duration: 28d
        releases: {first: 0d, cadence: 7d, rows: 10, channel: api}
        endpoint: {enabled: false}
        drift: []
        quirks: []
        grading: {criteria: {acquisition: 1}}
        """;

    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Announcement_EmbeddedFrontEnd_MailAtTheSmtpServerWithAOneClickUnsubscribeThatWorks()
    {
        var (smtpPort, drop) = MailDrop.TestServer();
        var port = FreePort.Next();
        const string adminKey = "notify-embedded-admin-key";
        await using var frontend = HostProcess.Start("frontend", RepoPaths.FrontendDll, new Dictionary<string, string>
        {
            ["Admin__ApiKey"] = adminKey,
            ["Demo__Enabled"] = "false",
            ["Mail__Smtp__Host"] = "127.0.0.1",
            ["Mail__Smtp__Port"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mail__Smtp__Security"] = "None",
            ["Site__PublicUrl"] = $"http://127.0.0.1:{port}/",
        }, "--urls", $"http://127.0.0.1:{port}");
        await frontend.WaitForLineAsync("P-PIPE is serving", StartTimeout);
        using var api = new PPipeApi(new Uri($"http://127.0.0.1:{port}"), adminKey);
        var cohortId = await api.CreateCohortAsync(await api.UploadScenarioAsync(Spec), DateTimeOffset.UtcNow, 1);
        var studentId = $"mail-{_run}";
        using var student = api.Student((await api.EnrollAsync(cohortId, studentId))[studentId]);
        using var admin = Admin(api.BaseAddress, adminKey);

        var posted = await admin.PostAsJsonAsync($"/api/v1/admin/cohorts/{cohortId}/announcements",
            new { subject = "Lab moved", text = "The lab is on Friday this week." }, Ct);
        var mail = Assert.Single(await drop.WaitForAsync($"{studentId}@example.org", timeout: StartTimeout, cancellationToken: Ct));
        var oneClick = new Uri(mail.Headers["List-Unsubscribe"]!.Trim('<', '>'));
        var unsubscribed = await new HttpClient().PostAsync(oneClick,
            new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }), Ct);
        var page = await new HttpClient().GetStringAsync(MailDrop.LinkIn(mail, $"http://127.0.0.1:{port}/unsubscribe?token="), Ct);
        var settings = await Eventually.ReturnsAsync(() => NotificationsAsync(student),
            s => s.GetProperty("recent")[0].GetProperty("status").GetString() == "sent", "the delivery reported", cancellationToken: Ct);

        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        Assert.Equal("P-PIPE · Journey: Lab moved", mail.Subject);
        Assert.Equal("List-Unsubscribe=One-Click", mail.Headers["List-Unsubscribe-Post"]);
        Assert.Equal($"http://127.0.0.1:{port}/api/v1/unsubscribe", oneClick.GetLeftPart(UriPartial.Path));
        Assert.Equal($"{MessageIdOf($"{cohortId}/{studentId}/n1")}@localhost", mail.MessageId);
        Assert.Contains("The lab is on Friday this week.", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("The lab is on Friday this week.", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, unsubscribed.StatusCode);
        Assert.Contains("Stop notifications of <strong>announcements from your instructor</strong>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("announcement", settings.GetProperty("kinds").EnumerateArray().Select(k => k.GetString()));
    }

    [Fact]
    public async Task Outbox_SiloKilledBetweenTheDecisionAndTheDelivery_TheSurvivorDeliversOnceOnEachChannel()
    {
        var (smtpPort, drop) = MailDrop.TestServer();
        await using var gate = new SmtpGate(smtpPort);
        await using var chat = await WebhookReceiver.StartAsync(Ct);
        var released = false;
        var chatDelivered = 0;
        chat.Answer = (_, _) => Task.FromResult(Volatile.Read(ref released) ? Delivered(ref chatDelivered) : 503);
        await using var database = await PostgresServer.CreateDatabaseAsync("notify");
        var settings = new ClusterSettings(database.ConnectionString);
        var port = FreePort.Next();
        var siloA = await StartSiloAsync(settings, "silo-a", gate.Port, port);
        var siloB = await StartSiloAsync(settings, "silo-b", gate.Port, port);
        await using var silos = new Silos(siloA, siloB);
        await using var frontend = HostProcess.Start("frontend", RepoPaths.FrontendDll, Tuning(settings.ForFrontendClient(port), gate.Port, port));
        await frontend.WaitForLineAsync("P-PIPE is serving", StartTimeout);
        await using var client = await ClusterClient.ConnectAsync(settings);
        using var api = new PPipeApi(new Uri($"http://127.0.0.1:{port}"), settings.AdminKey);
        using var admin = Admin(api.BaseAddress, settings.AdminKey);
        var cohortId = await api.CreateCohortAsync(await api.UploadScenarioAsync(Spec), DateTimeOffset.UtcNow, 1);
        var studentId = $"kill-{_run}";
        using var student = api.Student((await api.EnrollAsync(cohortId, studentId))[studentId]);
        var chosen = await student.PutAsJsonAsync("/api/v1/notifications",
            new { email = true, chat = new { url = chat.Url.ToString() }, kinds = new[] { "announcement" } }, Ct);

        // Decided and durable, but neither channel can deliver: the mail server refuses connections, the chat answers 503.
        await admin.PostAsJsonAsync($"/api/v1/admin/cohorts/{cohortId}/announcements", new { subject = "Exam room", text = "Room B12." }, Ct);
        var pending = await Eventually.ReturnsAsync(() => NotificationsAsync(student),
            s => s.GetProperty("recent") is { ValueKind: JsonValueKind.Array } r && r.GetArrayLength() == 1
                && r[0].GetProperty("status").GetString() == "pending" && gate.Refused > 0 && chat.Received.Count > 0,
            "the announcement decided and its first deliveries failed", StartTimeout, Ct);
        var host = await client.Client.GetGrain<IManagementGrain>(0)
            .GetActivationAddress(client.Client.GetGrain<PPipe.Grains.Interfaces.Enrollments.IEnrollmentGrain>($"{cohortId}/{studentId}"), Ct);
        var (victim, survivor) = host?.Endpoint.Port == siloA.SiloPort ? (siloA, siloB) : (siloB, siloA);
        await victim.KillAsync();
        gate.Open();
        Volatile.Write(ref released, true);

        var sent = await Eventually.ReturnsAsync(() => NotificationsAsync(student),
            s => s.GetProperty("recent")[0].GetProperty("status").GetString() == "sent", "the announcement delivered after the kill", StartTimeout, Ct);
        var mails = await drop.WaitForAsync($"{studentId}@example.org", timeout: StartTimeout, cancellationToken: Ct);
        // Once sent it is out of the outbox; a second copy could only be one already on its way: give it two redelivery delays to show.
        await Task.Delay(2 * RedeliverAfter, Ct);

        Assert.Equal(HttpStatusCode.OK, chosen.StatusCode);
        Assert.NotNull(host);
        Assert.False(survivor.Process.HasExited);
        Assert.NotNull(pending.GetProperty("recent")[0].GetProperty("error").GetString());
        var mail = Assert.Single(drop.To($"{studentId}@example.org"));
        Assert.Equal("P-PIPE · Journey: Exam room", mail.Subject);
        Assert.Equal($"{MessageIdOf($"{cohortId}/{studentId}/n1")}@localhost", mail.MessageId);
        Assert.Single(mails);
        Assert.Equal(1, Volatile.Read(ref chatDelivered));
        Assert.StartsWith("P-PIPE · Journey: Exam room", chat.Received.Last().Json.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(["email", "chat"], sent.GetProperty("recent")[0].GetProperty("channels").EnumerateArray().Select(c => c.GetString()));
    }

    private static int Delivered(ref int count)
    {
        Interlocked.Increment(ref count);
        return 200;
    }

    /// <summary>The Message-ID the platform gives a notification (before the sender's domain): a hash of its outbox id.</summary>
    private static string MessageIdOf(string id) => "notify." + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)))[..32];

    private static async Task<JsonElement> NotificationsAsync(HttpClient student)
    {
        using var response = await student.GetAsync("/api/v1/notifications", Ct);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private static HttpClient Admin(Uri baseAddress, string key)
    {
        var http = new HttpClient { BaseAddress = baseAddress };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        return http;
    }

    private static Dictionary<string, string> Tuning(Dictionary<string, string> environment, int smtpPort, int frontendPort)
    {
        environment["Cluster__Reminders__MinimumReminderPeriod"] = "00:00:01";
        environment["Enrollments__TickPeriod"] = "00:00:05";
        environment["Outbound__AllowLoopback"] = "true";
        environment["Webhooks__MaxAttempts"] = "2";
        environment["Webhooks__FirstRetryDelay"] = "00:00:00.100";
        environment["Mail__Smtp__Host"] = "127.0.0.1";
        environment["Mail__Smtp__Port"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        environment["Mail__Smtp__Security"] = "None";
        environment["Mail__Smtp__MaxAttempts"] = "1";
        environment["Notifications__RedeliverAfter"] = RedeliverAfter.ToString();
        environment["Site__PublicUrl"] = $"http://127.0.0.1:{frontendPort}/";
        return environment;
    }

    private static async Task<SiloProcess> StartSiloAsync(ClusterSettings settings, string name, int smtpPort, int frontendPort)
    {
        var environment = Tuning(settings.ForSilo(), smtpPort, frontendPort);
        var silo = HostProcess.Start(name, RepoPaths.SiloDll, environment);
        await silo.WaitForLineAsync("Application started", StartTimeout);
        return new SiloProcess(silo, int.Parse(environment["Cluster__SiloPort"], System.Globalization.CultureInfo.InvariantCulture));
    }

    private sealed class Silos(params SiloProcess[] silos) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            foreach (var silo in silos)
            {
                await silo.DisposeAsync();
            }
        }
    }
}
