using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;
using Orleans.Storage;
using PPipe.Assessment.Tests.Assessment;
using PPipe.Grains;
using PPipe.Grains.Assessment;
using PPipe.Grains.Enrollments;
using PPipe.Grains.Interfaces.Enrollments;

namespace PPipe.Grading.Bench;

/// <summary>
/// The platform as the API tests start it: the front end in embedded mode (its silo in this process, state in memory, the
/// demo off), listening on a free loopback port through Kestrel. The endpoint benchmark opens a cohort per case, enrolls one
/// student in each, and gives that student's enrollment the evidence of a <see cref="BenchEnrollment"/> by writing it to the
/// silo's grain storage (what the enrollment would have recorded over the scenario), so <c>GET /api/v1/grade</c> grades
/// exactly what the pure benchmark grades, through the whole request path.
/// </summary>
internal sealed class GradeEndpointPlatform : IAsyncDisposable
{
    private const string AdminKey = "grading-bench-admin-key";

    /// <summary>The name the enrollment grain's state is stored under (its <c>[PersistentState]</c>).</summary>
    private const string EnrollmentStateName = "enrollment";

    private readonly Factory _factory = new();

    private GradeEndpointPlatform()
    {
    }

    public Uri BaseAddress => _factory.ClientOptions.BaseAddress;

    public static GradeEndpointPlatform Start()
    {
        var platform = new GradeEndpointPlatform();
        platform._factory.UseKestrel(0);
        platform._factory.StartServer();
        return platform;
    }

    /// <summary>A client for one student: the token in every request, one keep-alive connection as a student's program keeps.</summary>
    public HttpClient Student(string token)
    {
        var http = new HttpClient { BaseAddress = BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    /// <summary>The enrolled student's enrollment grain, called in process as the front end calls it.</summary>
    public IEnrollmentGrain Enrollment(string cohortId) =>
        _factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IEnrollmentGrain>($"{cohortId}/s1");

    /// <summary>Uploads <paramref name="spec"/> as a scenario of its own; its id.</summary>
    public async Task<string> UploadScenarioAsync(string spec)
    {
        using var admin = Admin();
        using var response = await admin.PostAsync("/api/v1/admin/scenarios", new StringContent(spec, Encoding.UTF8, "application/yaml"));
        await EnsureAsync(response, "upload the scenario");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    /// <summary>
    /// Opens a cohort of <paramref name="scenarioId"/> on the synthetic student's clock (started at <see cref="SyntheticStudent.Start"/>,
    /// speed 1, so long over: every grade is the end-of-scenario grade), enrolls one student and returns their token.
    /// </summary>
    public async Task<(string CohortId, string Token)> EnrollAsync(string scenarioId, string policy)
    {
        using var admin = Admin();
        using var created = await admin.PostAsJsonAsync("/api/v1/admin/cohorts", new
        {
            name = $"Grading bench ({scenarioId}, {policy})",
            scenarioId,
            version = 1,
            startsAt = SyntheticStudent.Start,
            speed = 1,
            grading = new { policy },
        });
        await EnsureAsync(created, "open the cohort");
        var cohortId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        using var enrolled = await admin.PostAsync($"/api/v1/admin/cohorts/{cohortId}/enrollments",
            new StringContent("studentId,name,email\ns1,Student One,s1@example.org\n", Encoding.UTF8, "text/csv"));
        await EnsureAsync(enrolled, "enroll the student");
        var body = await enrolled.Content.ReadFromJsonAsync<JsonElement>();
        return (cohortId, body.GetProperty("students")[0].GetProperty("token").GetString()!);
    }

    /// <summary>
    /// Gives the enrollment the evidence of <paramref name="input"/> (fetches, batches, probes, endpoint, incidents, lineage,
    /// reproducibility record, deploys) with everything due processed, then drops its activation so the next call reads it.
    /// </summary>
    public async Task SeedAsync(string cohortId, GradingInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var grain = Enrollment(cohortId);
        var storage = _factory.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);
        var stored = new GrainState<EnrollmentState>();
        await storage.ReadStateAsync(EnrollmentStateName, grain.GetGrainId(), stored);
        var record = stored.State ?? throw new InvalidOperationException($"The enrollment {cohortId}/s1 has no state to seed.");
        record.Fetches = [.. input.Fetches];
        record.Batches = [.. input.Batches];
        record.Probes = input.Probes;
        record.EndpointUrl = input.EndpointUrl;
        record.EndpointRegisteredAt = input.EndpointRegisteredAt;
        record.Incidents = input.Incidents;
        record.Lineage = input.Lineage;
        record.Reproducibility = input.Reproducibility;
        record.Rollouts = input.Rollouts;
        record.ProcessedUntil = input.Scenario.Duration;
        record.NextProbeSlot = input.Schedule.ProbeSlotCount;
        await storage.WriteStateAsync(EnrollmentStateName, grain.GetGrainId(), stored);
        await grain.Cast<IGrainManagementExtension>().DeactivateOnIdle();
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    private HttpClient Admin() => Student(AdminKey);

    private static async Task EnsureAsync(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Could not {what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    // Any public type of the front end's assembly names its entry point; its own Program is hidden here by this bench's.
    private sealed class Factory : WebApplicationFactory<PPipe.Frontend.Assessment.GradeResponse>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("urls", "http://127.0.0.1:0");
            builder.UseSetting("Admin:ApiKey", AdminKey);
            builder.UseSetting("Demo:Enabled", "false");
            builder.UseSetting("Cluster:SiloPort", "0");
            builder.UseSetting("Cluster:GatewayPort", "0");
            // One student polling its grade as fast as it can: the per-token limits must not answer 429 instead.
            builder.UseSetting("Api:StudentBurst", "1000000");
            builder.UseSetting("Api:StudentRequestsPerSecond", "1000000");
            // Request logging would write to the console between timed requests.
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.UseSetting("Mail:PickupDirectory", Path.Combine(Path.GetTempPath(), "ppipe-grading-bench-mail"));
        }
    }
}
