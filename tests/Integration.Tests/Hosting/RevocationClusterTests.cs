using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PPipe.Integration.Tests.Infrastructure;
using PPipe.TestSupport;

namespace PPipe.Integration.Tests.Hosting;

/// <summary>
/// Revocation in cluster mode as an operator runs it: one silo on PostgreSQL and two front ends connected to it as
/// Orleans clients, each with its own token cache. What an instructor does on one front end holds on the other from the
/// moment it is answered: no waiting for a cache to expire.
/// </summary>
public sealed class RevocationClusterTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReissueAndRemove_OnOneFrontEnd_OldTokenAndBucketKeysRefusedByTheOtherAtOnce()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync("revocation");
        var settings = new ClusterSettings(database.ConnectionString);
        await using var silo = HostProcess.Start("silo", RepoPaths.SiloDll, settings.ForSilo());
        await silo.WaitForLineAsync("Application started", StartTimeout);
        var (portA, portB) = (FreePort.Next(), FreePort.Next());
        await using var frontA = HostProcess.Start("front-a", RepoPaths.FrontendDll, settings.ForFrontendClient(portA));
        await using var frontB = HostProcess.Start("front-b", RepoPaths.FrontendDll, settings.ForFrontendClient(portB));
        foreach (var front in (HostProcess[])[frontA, frontB])
        {
            await front.WaitForLineAsync("P-PIPE is serving", StartTimeout);
            await front.WaitForLineAsync("Subscribed to the cluster's revoked tokens", StartTimeout);
        }

        using var adminOnA = Client(portA, settings.AdminKey);
        var cohort = await CreateCohortAsync(adminOnA);
        var oldToken = await EnrollAsync(adminOnA, cohort, "rev-1");
        using var oldOnB = Client(portB, oldToken);
        var oldBucket = await BucketAsync(oldOnB); // B has now looked the token up and cached it
        using var oldKeysOnB = new AwsCli($"http://127.0.0.1:{portB}/s3", oldBucket.AccessKeyId, oldBucket.Secret, oldBucket.Region);
        var listedWithOldKeys = await oldKeysOnB.RunAsync("s3api", "list-objects-v2", "--bucket", oldBucket.Name, "--prefix", "releases/");

        var reissue = await adminOnA.PostAsync($"/api/v1/admin/cohorts/{cohort}/students/rev-1/token", null, Ct);
        var oldTokenOnB = await oldOnB.GetAsync("/api/v1/releases", Ct);
        var oldKeysAfter = await oldKeysOnB.RunAsync("s3api", "list-objects-v2", "--bucket", oldBucket.Name, "--prefix", "releases/");
        var newToken = (await reissue.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("token").GetString()!;
        using var newOnB = Client(portB, newToken);
        var newBucket = await BucketAsync(newOnB);
        using var newKeysOnB = new AwsCli($"http://127.0.0.1:{portB}/s3", newBucket.AccessKeyId, newBucket.Secret, newBucket.Region);
        var listedWithNewKeys = await newKeysOnB.RunAsync("s3api", "list-objects-v2", "--bucket", newBucket.Name, "--prefix", "releases/");

        Assert.True(listedWithOldKeys.ExitCode == 0, listedWithOldKeys.Error);
        Assert.Equal(HttpStatusCode.OK, reissue.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, oldTokenOnB.StatusCode);
        Assert.NotEqual(0, oldKeysAfter.ExitCode);
        Assert.Contains("InvalidAccessKeyId", oldKeysAfter.Error);
        Assert.Equal(oldBucket.Name, newBucket.Name);
        Assert.NotEqual(oldBucket.AccessKeyId, newBucket.AccessKeyId);
        Assert.True(listedWithNewKeys.ExitCode == 0, listedWithNewKeys.Error);

        var removal = await adminOnA.DeleteAsync($"/api/v1/admin/cohorts/{cohort}/students/rev-1", Ct);
        var newTokenOnB = await newOnB.GetAsync("/api/v1/releases", Ct);
        var newKeysAfterRemoval = await newKeysOnB.RunAsync("s3api", "list-objects-v2", "--bucket", newBucket.Name, "--prefix", "releases/");

        Assert.Equal(HttpStatusCode.OK, removal.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, newTokenOnB.StatusCode);
        Assert.NotEqual(0, newKeysAfterRemoval.ExitCode);
    }

    private static HttpClient Client(int port, string bearer)
    {
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return http;
    }

    private static async Task<string> CreateCohortAsync(HttpClient admin)
    {
        var response = await admin.PostAsJsonAsync("/api/v1/admin/cohorts", new
        {
            name = "Revocation",
            scenarioId = "card-fraud",
            version = 1,
            startsAt = DateTimeOffset.UtcNow,
            speed = 1440,
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
    }

    private static async Task<string> EnrollAsync(HttpClient admin, string cohort, string studentId)
    {
        var response = await admin.PostAsync($"/api/v1/admin/cohorts/{cohort}/enrollments",
            new StringContent($"studentId,name,email\n{studentId},Student,{studentId}@example.org\n", Encoding.UTF8, "text/csv"), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("students")[0].GetProperty("token").GetString()!;
    }

    private static async Task<(string Name, string AccessKeyId, string Secret, string Region)> BucketAsync(HttpClient student)
    {
        var me = await student.GetAsync("/api/v1/me", Ct);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        var bucket = (await me.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("bucket");
        return (bucket.GetProperty("bucket").GetString()!, bucket.GetProperty("accessKeyId").GetString()!,
            bucket.GetProperty("secretAccessKey").GetString()!, bucket.GetProperty("region").GetString()!);
    }
}
