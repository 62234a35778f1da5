using System.Net;
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
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Dataset_UploadedToThreeSilos_RolesAndRowsSurviveEverySiloKilled()
    {
        await using var cluster = await ThreeSiloCluster.StartAsync("datasets");
        using var http = cluster.Admin();

        var uploaded = await http.PostAsync("/api/v1/admin/datasets?id=iris", new StringContent(PublicDatasets.Iris(), Encoding.UTF8, "text/csv"), Ct);
        var ragged = await http.PostAsync("/api/v1/admin/datasets?id=iris",
            new StringContent(PublicDatasets.IrisHeader + "\n5.1,3.5\n", Encoding.UTF8, "text/csv"), Ct);
        var roles = await http.PutAsJsonAsync("/api/v1/admin/datasets/iris/versions/1/roles", new { target = "species" }, Ct);
        foreach (var silo in cluster.Silos)
        {
            await silo.KillAsync();
        }

        await using var siloD = await StartSiloAsync(cluster.Settings, "silo-d");
        var version = await Eventually.ReturnsAsync(
            () => http.GetFromJsonAsync<JsonElement>("/api/v1/admin/datasets/iris/versions/1", Ct),
            v => v.ValueKind == JsonValueKind.Object, "the version to be readable through the new silo", HostStartTimeout, cancellationToken: Ct);
        var rows = await http.GetStringAsync("/api/v1/admin/datasets/iris/versions/1/rows.csv", Ct);
        var versions = await http.GetFromJsonAsync<JsonElement>("/api/v1/admin/datasets/iris", Ct);

        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, ragged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, roles.StatusCode);
        Assert.Equal("species", version.GetProperty("roles").GetProperty("target").GetString());
        Assert.Equal(PublicDatasets.Iris(), rows);
        Assert.Equal(1, versions.GetProperty("versions").GetArrayLength());
        Assert.Equal((1L, 1L), await UploadRowsAsync(cluster.Database.ConnectionString));
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
