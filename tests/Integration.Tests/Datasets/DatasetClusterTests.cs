using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;
using PPipe.Integration.Tests.Infrastructure;
using PPipe.TestSupport;
using static PPipe.Integration.Tests.Infrastructure.ClusterHosts;

namespace PPipe.Integration.Tests.Datasets;

/// <summary>
/// Datasets in cluster mode as an operator runs it: three PPipe.Silo processes and a front end connected as a client, on
/// real PostgreSQL. Rows go to the dataset tables, versions and roles to grain state, and both survive every silo.
/// </summary>
public sealed class DatasetClusterTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Dataset_UploadedToThreeSilos_RolesAndRowsSurviveEverySiloKilled()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync("datasets");
        var settings = new ClusterSettings(database.ConnectionString);
        await MigrateAsync(settings);
        var port = FreePort.Next();
        await using var siloA = await StartSiloAsync(settings, "silo-a");
        await using var siloB = await StartSiloAsync(settings, "silo-b");
        await using var siloC = await StartSiloAsync(settings, "silo-c");
        await using var frontend = HostProcess.Start("frontend", RepoPaths.FrontendDll, settings.ForFrontendClient(port));
        await frontend.WaitForLineAsync("P-PIPE is serving", StartTimeout);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", settings.AdminKey);

        var uploaded = await http.PostAsync("/api/v1/admin/datasets?id=iris", new StringContent(PublicDatasets.Iris(), Encoding.UTF8, "text/csv"), Ct);
        var ragged = await http.PostAsync("/api/v1/admin/datasets?id=iris",
            new StringContent(PublicDatasets.IrisHeader + "\n5.1,3.5\n", Encoding.UTF8, "text/csv"), Ct);
        var roles = await http.PutAsJsonAsync("/api/v1/admin/datasets/iris/versions/1/roles", new { target = "species" }, Ct);
        await siloA.KillAsync();
        await siloB.KillAsync();
        await siloC.KillAsync();
        await using var siloD = await StartSiloAsync(settings, "silo-d");
        var version = await Eventually.ReturnsAsync(
            () => http.GetFromJsonAsync<JsonElement>("/api/v1/admin/datasets/iris/versions/1", Ct),
            v => v.ValueKind == JsonValueKind.Object, "the version to be readable through the new silo", StartTimeout, cancellationToken: Ct);
        var rows = await http.GetStringAsync("/api/v1/admin/datasets/iris/versions/1/rows.csv", Ct);
        var versions = await http.GetFromJsonAsync<JsonElement>("/api/v1/admin/datasets/iris", Ct);

        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, ragged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, roles.StatusCode);
        Assert.Equal("species", version.GetProperty("roles").GetProperty("target").GetString());
        Assert.Equal(PublicDatasets.Iris(), rows);
        Assert.Equal(1, versions.GetProperty("versions").GetArrayLength());
        Assert.Equal((1L, 1L), await UploadRowsAsync(database.ConnectionString));
    }

    /// <summary>Uploads in the table, and how many are sealed: the refused one left nothing.</summary>
    private static async Task<(long Uploads, long Sealed)> UploadRowsAsync(string connectionString)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand("SELECT count(*), count(sealed_at) FROM ppipe_dataset_upload");
        await using var reader = await command.ExecuteReaderAsync(Ct);
        await reader.ReadAsync(Ct);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
