using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using PPipe.TestSupport;

namespace PPipe.Api.Tests.Infrastructure;

/// <summary>
/// One front end in embedded mode (its silo in this process, state in memory), listening on a free loopback port
/// through Kestrel, shared by every test of the assembly. Each test makes its own cohort, so tests do not meet. Mail goes
/// to a pickup folder of this run (<see cref="Mail"/>), links in it to the front end's own address.
/// </summary>
public sealed class ApiPlatform : IAsyncLifetime
{
    public const string AdminKey = "api-contract-tests-admin-key";

    /// <summary>Join requests a cohort takes per minute here (lower than the default, so a test can reach it).</summary>
    public const int JoinRequestsPerCohortPerMinute = 30;

    /// <summary>The largest dataset upload here (small, so a test can pass it): 256 KiB.</summary>
    public const long MaxDatasetBytes = 256 * 1024;

    private static readonly string MailFolder = Path.Combine(Path.GetTempPath(), "ppipe-api-mail-" + Guid.NewGuid().ToString("N")[..8]);

    private readonly WebApplicationFactory<Program> _factory = new Factory();

    public Uri BaseAddress { get; private set; } = null!;

    public IServiceProvider Services => _factory.Services;

    /// <summary>Every mail the platform wrote.</summary>
    public MailDrop Mail { get; } = new(MailFolder);

    public ValueTask InitializeAsync()
    {
        _factory.UseKestrel(0);
        _factory.StartServer();
        BaseAddress = _factory.ClientOptions.BaseAddress;
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        if (Directory.Exists(MailFolder))
        {
            Directory.Delete(MailFolder, recursive: true);
        }
    }

    public HttpClient Anonymous() => new() { BaseAddress = BaseAddress };

    public HttpClient Admin() => WithToken(AdminKey);

    public HttpClient Student(string token) => WithToken(token);

    private HttpClient WithToken(string token)
    {
        var http = Anonymous();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    /// <summary>Opens a cohort of <paramref name="scenarioId"/> started <paramref name="startedAgo"/> ago at a day a minute.</summary>
    public async Task<string> CreateCohortAsync(string scenarioId = "card-fraud", TimeSpan? startedAgo = null)
    {
        using var admin = Admin();
        var response = await admin.PostAsJsonAsync("/api/v1/admin/cohorts", new
        {
            name = "Contract tests",
            scenarioId,
            version = 1,
            startsAt = DateTimeOffset.UtcNow - (startedAgo ?? TimeSpan.Zero),
            speed = 1440,
        }, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetString()!;
    }

    /// <summary>Enrolls students <paramref name="studentIds"/> and returns their tokens, in order.</summary>
    public async Task<IReadOnlyList<string>> EnrollAsync(string cohortId, params string[] studentIds)
    {
        using var admin = Admin();
        var roster = "studentId,name,email\n" + string.Concat(studentIds.Select(id => $"{id},Student {id},{id}@example.org\n"));
        var response = await admin.PostAsync($"/api/v1/admin/cohorts/{cohortId}/enrollments",
            new StringContent(roster, Encoding.UTF8, "text/csv"), TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        return [.. body.GetProperty("students").EnumerateArray().Select(s => s.GetProperty("token").GetString()!)];
    }

    private sealed class Factory : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("urls", "http://127.0.0.1:0");
            builder.UseSetting("Admin:ApiKey", AdminKey);
            builder.UseSetting("Demo:Enabled", "false");
            builder.UseSetting("Cluster:SiloPort", "0");
            builder.UseSetting("Cluster:GatewayPort", "0");
            builder.UseSetting("Api:StudentBurst", "1000");
            builder.UseSetting("Api:StudentRequestsPerSecond", "1000");
            builder.UseSetting("Api:AuthFailuresPerWindow", "1000");
            builder.UseSetting("Mail:PickupDirectory", MailFolder);
            builder.UseSetting("Datasets:MaxUploadBytes", MaxDatasetBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("StudentMail:JoinRequestsPerCohortPerMinute", JoinRequestsPerCohortPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
