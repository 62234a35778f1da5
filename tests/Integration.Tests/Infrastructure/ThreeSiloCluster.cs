using System.Net.Http.Headers;
using PPipe.TestSupport;

namespace PPipe.Integration.Tests.Infrastructure;

/// <summary>
/// A cluster as an operator first runs one: its own PostgreSQL database, migrated, three silos and one front end connected
/// as a client. Disposed front end first, then the silos, then the database.
/// </summary>
public sealed class ThreeSiloCluster : IAsyncDisposable
{
    private ThreeSiloCluster(TestDatabase database, ClusterSettings settings, SiloProcess[] silos, HostProcess frontend, Uri address)
    {
        Database = database;
        Settings = settings;
        Silos = silos;
        Frontend = frontend;
        Address = address;
    }

    public TestDatabase Database { get; }

    public ClusterSettings Settings { get; }

    /// <summary>silo-a, silo-b and silo-c, in that order.</summary>
    public IReadOnlyList<SiloProcess> Silos { get; }

    public HostProcess Frontend { get; }

    /// <summary>The front end's loopback address.</summary>
    public Uri Address { get; }

    public static async Task<ThreeSiloCluster> StartAsync(string databasePrefix)
    {
        var database = await PostgresServer.CreateDatabaseAsync(databasePrefix);
        var settings = new ClusterSettings(database.ConnectionString);
        await ClusterHosts.MigrateAsync(settings);
        SiloProcess[] silos =
        [
            await ClusterHosts.StartSiloAsync(settings, "silo-a"),
            await ClusterHosts.StartSiloAsync(settings, "silo-b"),
            await ClusterHosts.StartSiloAsync(settings, "silo-c"),
        ];
        var port = FreePort.Next();
        var frontend = HostProcess.Start("frontend", RepoPaths.FrontendDll, settings.ForFrontendClient(port));
        await frontend.WaitForLineAsync("P-PIPE is serving", ClusterHosts.HostStartTimeout);
        return new ThreeSiloCluster(database, settings, silos, frontend, new Uri($"http://127.0.0.1:{port}"));
    }

    /// <summary>A client of the front end that sends the instructor API key.</summary>
    public HttpClient Admin()
    {
        var client = new HttpClient { BaseAddress = Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Settings.AdminKey);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await Frontend.DisposeAsync();
        foreach (var silo in Silos)
        {
            await silo.DisposeAsync();
        }

        await Database.DisposeAsync();
    }
}
