using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using PPipe.Grains.Interfaces.Diagnostics;
using PPipe.Integration.Tests.Infrastructure;
using PPipe.TestSupport;
using static PPipe.Integration.Tests.Infrastructure.ClusterHosts;

namespace PPipe.Integration.Tests.Hosting;

/// <summary>
/// Cluster mode as an operator runs it: PPipe.Silo processes on real PostgreSQL, killed with SIGKILL,
/// restarted, and a front end connected to them as an Orleans client.
/// </summary>
public sealed class ClusterModeTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task GrainState_AllSilosKilledAndRestarted_StateSurvives()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync("state");
        var settings = new ClusterSettings(database.ConnectionString);
        await MigrateAsync(settings);
        ClusterCheckStatus before;
        await using (var siloA = await StartSiloAsync(settings, "silo-a"))
        await using (var siloB = await StartSiloAsync(settings, "silo-b"))
        {
            await using var client = await ClusterClient.ConnectAsync(settings);
            var check = client.Client.GetGrain<IClusterCheckGrain>("durable");
            await check.StartAsync(TimeSpan.FromSeconds(1));
            await Eventually.ReturnsAsync(check.GetAsync, s => s.Ticks >= 2, "two reminder ticks", TimeSpan.FromSeconds(30), cancellationToken: TestContext.Current.CancellationToken);
            before = await check.StopAsync();

            await siloA.KillAsync();
            await siloB.KillAsync();
        }

        await using var siloC = await StartSiloAsync(settings, "silo-c");
        await using var siloD = await StartSiloAsync(settings, "silo-d");
        await using var secondClient = await ClusterClient.ConnectAsync(settings);
        var after = await secondClient.Client.GetGrain<IClusterCheckGrain>("durable").GetAsync();

        Assert.False(after.Running);
        Assert.Equal(before.Ticks, after.Ticks);
        Assert.Equal(before.StartedAt, after.StartedAt);
        Assert.Equal(before.LastTickAt, after.LastTickAt);
        Assert.Equal(before.RecentTicks, after.RecentTicks);
    }

    [Fact]
    public async Task Reminders_SiloHostingTheGrainsKilled_KeepFiringOnTheSurvivor()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync("reminders");
        var settings = new ClusterSettings(database.ConnectionString);
        await MigrateAsync(settings);
        await using var siloA = await StartSiloAsync(settings, "silo-a");
        await using var siloB = await StartSiloAsync(settings, "silo-b");
        await using var client = await ClusterClient.ConnectAsync(settings);
        var checks = Enumerable.Range(0, 16).Select(i => client.Client.GetGrain<IClusterCheckGrain>($"check-{i}")).ToList();
        foreach (var check in checks)
        {
            await check.StartAsync(TimeSpan.FromSeconds(1));
        }

        var firstTicks = await Task.WhenAll(checks.Select(c =>
            Eventually.ReturnsAsync(c.GetAsync, s => s.Ticks >= 1, "a first tick", TimeSpan.FromSeconds(30), cancellationToken: TestContext.Current.CancellationToken)));
        var (victim, survivor) = firstTicks.Count(s => siloA.Runs(s.ActiveOn)) >= firstTicks.Count(s => siloB.Runs(s.ActiveOn))
            ? (siloA, siloB)
            : (siloB, siloA);
        var hostedByVictim = firstTicks.Where(s => victim.Runs(s.ActiveOn)).Select(s => s.Name).ToList();

        var killedAt = DateTimeOffset.UtcNow;
        await victim.KillAsync();

        var afterKill = await Task.WhenAll(checks.Select(c => Eventually.ReturnsAsync(
            c.GetAsync,
            s => s.RecentTicks.Count(t => t.At > killedAt && survivor.Runs(t.Silo)) >= 2,
            "two ticks on the surviving silo after the kill",
            TimeSpan.FromSeconds(90), cancellationToken: TestContext.Current.CancellationToken)));

        Assert.NotEmpty(hostedByVictim);
        Assert.All(afterKill, s => Assert.True(survivor.Runs(s.ActiveOn), $"{s.Name} is active on {s.ActiveOn}"));
        Assert.All(afterKill, s => Assert.True(s.Running));
    }

    [Fact]
    public async Task Frontend_StartedBeforeAnySilo_ConnectsWhenASiloComesUp()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync("frontend");
        var settings = new ClusterSettings(database.ConnectionString);
        await MigrateAsync(settings);
        var port = FreePort.Next();
        await using var frontend = HostProcess.Start("frontend", RepoPaths.FrontendDll, settings.ForFrontendClient(port));
        await frontend.WaitForLineAsync("No P-PIPE silo reachable yet", StartTimeout);

        await using var silo = await StartSiloAsync(settings, "silo-a");
        await frontend.WaitForLineAsync("P-PIPE is serving", StartTimeout);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", settings.AdminKey);
        var response = await http.GetAsync("/api/v1/admin/cluster", TestContext.Current.CancellationToken);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("PostgreSql", body.GetProperty("storage").GetString());
        Assert.Equal(1, body.GetProperty("silos").GetArrayLength());
    }
}
