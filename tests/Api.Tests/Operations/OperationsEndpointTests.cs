using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PPipe.Api.Tests.Infrastructure;
using PPipe.TestSupport;

namespace PPipe.Api.Tests.Operations;

/// <summary>What an operator's tools read from a running host: liveness, readiness, Prometheus metrics and the silos' reports.</summary>
[Collection(ApiCollection.Name)]
public sealed class OperationsEndpointTests(ApiPlatform platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task HealthAndReadiness_RunningEmbeddedHost_200WithoutCredentials()
    {
        using var anonymous = platform.Anonymous();

        var health = await anonymous.GetAsync("/healthz", Ct);
        var ready = await anonymous.GetAsync("/readyz", Ct);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.StartsWith("Healthy\nmembership: Healthy", await ready.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Metrics_AfterAStudentFetchesARelease_CountsTheFetchBesideOrleansAndAspNetCoreMetrics()
    {
        var cohort = await platform.CreateCohortAsync(startedAgo: TimeSpan.FromMinutes(3));
        var token = (await platform.EnrollAsync(cohort, "metrics-1"))[0];
        using var student = platform.Student(token);
        (await student.GetAsync("/api/v1/releases/1.csv", Ct)).EnsureSuccessStatusCode();
        using var anonymous = platform.Anonymous();

        var text = await Eventually.ReturnsAsync(() => anonymous.GetStringAsync("/metrics", Ct),
            t => t.Contains("ppipe_fetches_total{", StringComparison.Ordinal) && t.Contains("ppipe_enrollments_active", StringComparison.Ordinal)
                && t.Contains("ppipe_enrollment_wake_lateness_seconds_bucket", StringComparison.Ordinal),
            "P-PIPE's fetch counter, active-enrollment gauge and wake lateness (the enrollment wakes when it activates) at /metrics",
            cancellationToken: Ct);

        Assert.Matches(@"ppipe_fetches_total\{[^}]*channel=""api""[^}]*\} [1-9]", text);
        Assert.Contains("orleans_", text);
        Assert.Contains("http_server_request_duration_seconds", text);
    }

    [Fact]
    public async Task ClusterOperations_EmbeddedSilo_ListedWithItsActivationsAndAReport()
    {
        var cohort = await platform.CreateCohortAsync();
        await platform.EnrollAsync(cohort, "ops-1", "ops-2");
        using var admin = platform.Admin();

        var view = await Eventually.ReturnsAsync(() => admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/cluster/operations", Ct),
            v => v.GetProperty("silos").EnumerateArray().Any(s => s.GetProperty("latest").ValueKind == JsonValueKind.Object
                && s.GetProperty("latest").GetProperty("activeEnrollments").GetInt64() >= 2),
            "a silo report counting the two enrollments", cancellationToken: Ct);

        var silo = Assert.Single(view.GetProperty("silos").EnumerateArray());
        Assert.Equal("Active", silo.GetProperty("status").GetString());
        Assert.True(silo.GetProperty("activations").GetInt32() >= 2);
        Assert.Contains(silo.GetProperty("activationsByGrainType").EnumerateArray(), t => t.GetProperty("grainType").GetString() == "EnrollmentGrain");
        var latest = silo.GetProperty("latest");
        Assert.True(latest.GetProperty("workingSetBytes").GetInt64() > 0);
        Assert.True(latest.GetProperty("activity").GetProperty("wakes").GetInt64() >= 0);
        Assert.Equal(silo.GetProperty("address").GetString(), latest.GetProperty("silo").GetString());
    }

    [Fact]
    public async Task ClusterOperations_WithoutTheAdminKey_401()
    {
        using var anonymous = platform.Anonymous();

        var response = await anonymous.GetAsync("/api/v1/admin/cluster/operations", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
