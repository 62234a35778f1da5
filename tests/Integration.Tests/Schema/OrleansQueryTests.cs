using Npgsql;
using NpgsqlTypes;

namespace PPipe.Integration.Tests.Schema;

/// <summary>
/// The stored query texts run directly, with parameters typed as the providers send them, for the
/// conditional writes whose races a running silo rarely shows: each must be all-or-nothing.
/// </summary>
public sealed class OrleansQueryTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    private static readonly DateTime Started = new(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WriteToStorage_StaleVersion_ReturnsItUnchangedAndKeepsTheRow()
    {
        var serviceId = NewId("service");
        var inserted = await WriteStorageAsync(serviceId, version: null, payload: [1]);
        var duplicateInsert = await WriteStorageAsync(serviceId, version: null, payload: [2]);
        var updated = await WriteStorageAsync(serviceId, version: 1, payload: [3]);

        var stale = await WriteStorageAsync(serviceId, version: 1, payload: [4]);

        var row = Assert.Single(await OrleansTables.ReadStorageAsync(database.DataSource, serviceId, Ct));
        Assert.Equal(1, inserted);
        Assert.Null(duplicateInsert);
        Assert.Equal(2, updated);
        Assert.Equal(1, stale);
        Assert.Equal(new byte[] { 3 }, row.PayloadBinary);
        Assert.Equal(2, row.Version);
    }

    [Fact]
    public async Task WriteToStorage_ConcurrentFirstWrites_ExactlyOneInserts()
    {
        var serviceId = NewId("service");

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(() => WriteStorageAsync(serviceId, version: null, payload: [(byte)i]), Ct)));

        Assert.Single(answers, a => a == 1);
        Assert.Equal(7, answers.Count(a => a is null));
        Assert.Single(await OrleansTables.ReadStorageAsync(database.DataSource, serviceId, Ct));
    }

    [Fact]
    public async Task ClearStorage_StaleVersion_ReturnsNoRow()
    {
        var serviceId = NewId("service");
        await WriteStorageAsync(serviceId, version: null, payload: [1]);
        await WriteStorageAsync(serviceId, version: 1, payload: [2]);

        var stale = await StorageScalarAsync("ClearStorageKey", serviceId, version: 1);
        var current = await StorageScalarAsync("ClearStorageKey", serviceId, version: 2);

        var row = Assert.Single(await OrleansTables.ReadStorageAsync(database.DataSource, serviceId, Ct));
        Assert.Null(stale);
        Assert.Equal(3, current);
        Assert.Null(row.PayloadBinary);
        Assert.Equal(3, row.Version);
    }

    [Fact]
    public async Task DeleteStorage_CurrentVersion_RemovesRowAndAnswersNextVersion()
    {
        var serviceId = NewId("service");
        await WriteStorageAsync(serviceId, version: null, payload: [1]);

        var stale = await StorageScalarAsync("DeleteStorageKey", serviceId, version: 7);
        var current = await StorageScalarAsync("DeleteStorageKey", serviceId, version: 1);

        Assert.Null(stale);
        Assert.Equal(2, current);
        Assert.Empty(await OrleansTables.ReadStorageAsync(database.DataSource, serviceId, Ct));
    }

    [Fact]
    public async Task InsertMembershipVersion_Twice_CreatesOnceAndNeverFails()
    {
        var clusterId = NewId("cluster");

        var first = await ClusteringScalarAsync("InsertMembershipVersionKey", Deployment(clusterId));
        var second = await ClusteringScalarAsync("InsertMembershipVersionKey", Deployment(clusterId));

        Assert.Equal(1, first);
        Assert.Equal(0, second);
        Assert.Equal(0, await OrleansTables.ReadMembershipVersionAsync(database.DataSource, clusterId, Ct));
    }

    [Fact]
    public async Task InsertMembership_StaleVersionOrExistingRow_ChangesNothing()
    {
        var clusterId = NewId("cluster");
        await ClusteringScalarAsync("InsertMembershipVersionKey", Deployment(clusterId));

        var stale = await InsertMembershipAsync(clusterId, port: 1111, version: 5);
        var fresh = await InsertMembershipAsync(clusterId, port: 1111, version: 0);
        var duplicate = await InsertMembershipAsync(clusterId, port: 1111, version: 1);

        Assert.Equal(0, stale);
        Assert.Equal(1, fresh);
        Assert.Equal(0, duplicate);
        Assert.Single(await OrleansTables.ReadMembershipAsync(database.DataSource, clusterId, Ct));
        Assert.Equal(1, await OrleansTables.ReadMembershipVersionAsync(database.DataSource, clusterId, Ct));
    }

    [Fact]
    public async Task InsertMembership_ConcurrentWithOneVersion_ExactlyOneSucceeds()
    {
        var clusterId = NewId("cluster");
        await ClusteringScalarAsync("InsertMembershipVersionKey", Deployment(clusterId));

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(() => InsertMembershipAsync(clusterId, port: 2000 + i, version: 0), Ct)));

        Assert.Single(answers, a => a == 1);
        Assert.Single(await OrleansTables.ReadMembershipAsync(database.DataSource, clusterId, Ct));
        Assert.Equal(1, await OrleansTables.ReadMembershipVersionAsync(database.DataSource, clusterId, Ct));
    }

    [Fact]
    public async Task UpdateMembership_MissingRowOrStaleVersion_ChangesNothing()
    {
        var clusterId = NewId("cluster");
        await ClusteringScalarAsync("InsertMembershipVersionKey", Deployment(clusterId));
        await InsertMembershipAsync(clusterId, port: 1111, version: 0);

        var missing = await UpdateMembershipAsync(clusterId, port: 2222, status: 4, version: 1);
        var stale = await UpdateMembershipAsync(clusterId, port: 1111, status: 4, version: 0);
        var current = await UpdateMembershipAsync(clusterId, port: 1111, status: 5, version: 1);

        Assert.Equal(0, missing);
        Assert.Equal(0, stale);
        Assert.Equal(1, current);
        Assert.Equal(5, Assert.Single(await OrleansTables.ReadMembershipAsync(database.DataSource, clusterId, Ct)).Status);
        Assert.Equal(2, await OrleansTables.ReadMembershipVersionAsync(database.DataSource, clusterId, Ct));
    }

    [Fact]
    public async Task UpdateIAmAlive_OlderTime_KeepsTheLaterTimeAndTheVersion()
    {
        var clusterId = NewId("cluster");
        await ClusteringScalarAsync("InsertMembershipVersionKey", Deployment(clusterId));
        await InsertMembershipAsync(clusterId, port: 1111, version: 0);

        await ClusteringScalarAsync("UpdateIAmAlivetimeKey", [.. SiloIdentity(clusterId, 1111), new("IAmAliveTime", Started.AddMinutes(5))]);
        await ClusteringScalarAsync("UpdateIAmAlivetimeKey", [.. SiloIdentity(clusterId, 1111), new("IAmAliveTime", Started.AddMinutes(1))]);

        var row = Assert.Single(await OrleansTables.ReadMembershipAsync(database.DataSource, clusterId, Ct));
        Assert.Equal(Started.AddMinutes(5), row.IAmAliveTime.UtcDateTime);
        Assert.Equal(1, await OrleansTables.ReadMembershipVersionAsync(database.DataSource, clusterId, Ct));
    }

    [Fact]
    public async Task CleanupDefunctSiloEntries_EveryStatusLongSilent_RemovesOnlyDead()
    {
        var clusterId = NewId("cluster");
        await ClusteringScalarAsync("InsertMembershipVersionKey", Deployment(clusterId));
        for (var status = 1; status <= 6; status++)
        {
            Assert.Equal(1, await InsertMembershipAsync(clusterId, port: 1000 + status, version: status - 1, status: status));
        }

        await ClusteringScalarAsync("CleanupDefunctSiloEntriesKey", [.. Deployment(clusterId), new("IAmAliveTime", Started.AddDays(1))]);

        var left = await OrleansTables.ReadMembershipAsync(database.DataSource, clusterId, Ct);
        Assert.Equal([1, 2, 3, 4, 5], left.Select(r => r.Status).Order());
    }

    [Fact]
    public async Task CleanupDefunctSiloEntry_RowChangedSinceRead_KeepsIt()
    {
        var clusterId = NewId("cluster");
        await ClusteringScalarAsync("InsertMembershipVersionKey", Deployment(clusterId));
        await InsertMembershipAsync(clusterId, port: 1111, version: 0, status: 6);
        await InsertMembershipAsync(clusterId, port: 2222, version: 1, status: 6);
        var suspicion = new NpgsqlParameter("SuspectTimes", NpgsqlDbType.Text) { Value = DBNull.Value };

        await ClusteringScalarAsync("CleanupDefunctSiloEntryKey",
            [.. SiloIdentity(clusterId, 1111), suspicion, new("StartTime", Started), new("IAmAliveTime", Started.AddSeconds(1))]);
        await ClusteringScalarAsync("CleanupDefunctSiloEntryKey",
            [.. SiloIdentity(clusterId, 2222), suspicion.Clone(), new("StartTime", Started), new("IAmAliveTime", Started)]);

        var left = Assert.Single(await OrleansTables.ReadMembershipAsync(database.DataSource, clusterId, Ct));
        Assert.Equal(1111, left.Port);
    }

    [Fact]
    public async Task DeleteReminderRow_StaleVersion_AnswersZeroAndKeepsTheRow()
    {
        var serviceId = NewId("service");
        NpgsqlParameter[] reminder = [new("ServiceId", serviceId), new("GrainId", "probe/r1"), new("ReminderName", "tick")];
        var created = await QueryScalarAsync("UpsertReminderRowKey",
            [.. reminder, new("StartTime", Started), new("Period", 1000), new("GrainHash", -17)]);
        var updated = await QueryScalarAsync("UpsertReminderRowKey",
            [.. Clone(reminder), new("StartTime", Started), new("Period", 2000L), new("GrainHash", -17)]);

        var stale = await QueryScalarAsync("DeleteReminderRowKey", [.. Clone(reminder), new("Version", created ?? -1)]);
        var current = await QueryScalarAsync("DeleteReminderRowKey", [.. Clone(reminder), new("Version", updated ?? -1)]);

        Assert.Equal(0, created);
        Assert.Equal(1, updated);
        Assert.Equal(0, stale);
        Assert.Equal(1, current);
        Assert.Empty(await OrleansTables.ReadRemindersAsync(database.DataSource, serviceId, Ct));
    }

    private static string NewId(string kind) => $"{kind}-{Guid.NewGuid():N}";

    private static NpgsqlParameter[] Deployment(string clusterId) => [new("DeploymentId", clusterId)];

    private static NpgsqlParameter[] SiloIdentity(string clusterId, int port) =>
        [new("DeploymentId", clusterId), new("Address", "127.0.0.1"), new("Port", port), new("Generation", 42)];

    private static NpgsqlParameter[] Clone(NpgsqlParameter[] parameters) => [.. parameters.Select(p => p.Clone())];

    private Task<int?> InsertMembershipAsync(string clusterId, int port, int version, int status = 2) =>
        ClusteringScalarAsync("InsertMembershipKey",
        [
            .. SiloIdentity(clusterId, port),
            new("SiloName", $"silo-{port}"), new("HostName", "localhost"), new("Status", status), new("ProxyPort", port + 1),
            new("StartTime", Started), new("IAmAliveTime", Started), new("Version", version),
        ]);

    private Task<int?> UpdateMembershipAsync(string clusterId, int port, int status, int version) =>
        ClusteringScalarAsync("UpdateMembershipKey",
        [
            .. SiloIdentity(clusterId, port),
            new("Status", status), new NpgsqlParameter("SuspectTimes", NpgsqlDbType.Text) { Value = DBNull.Value },
            new("IAmAliveTime", Started.AddMinutes(1)), new("Version", version),
        ]);

    private Task<int?> ClusteringScalarAsync(string key, NpgsqlParameter[] parameters) => QueryScalarAsync(key, parameters);

    /// <summary>WriteToStorageKey for one fixed grain identity (NULL extension) of the service.</summary>
    private Task<int?> WriteStorageAsync(string serviceId, int? version, byte[] payload) =>
        QueryScalarAsync("WriteToStorageKey", [.. StorageIdentity(serviceId, version), new("PayloadBinary", payload)]);

    private Task<int?> StorageScalarAsync(string key, string serviceId, int version) =>
        QueryScalarAsync(key, StorageIdentity(serviceId, version));

    private static NpgsqlParameter[] StorageIdentity(string serviceId, int? version) =>
    [
        new("GrainIdHash", 42), new("GrainIdN0", (object)0L), new("GrainIdN1", 7L), new("GrainTypeHash", -5),
        new("GrainTypeString", "enrollment"),
        new NpgsqlParameter("GrainIdExtensionString", NpgsqlDbType.Text) { Value = DBNull.Value },
        new("ServiceId", serviceId),
        new NpgsqlParameter("GrainStateVersion", NpgsqlDbType.Integer) { Value = (object?)version ?? DBNull.Value },
    ];

    /// <summary>Runs a stored query as the providers do (a reader; here the first int column of the first row); null for no row or NULL.</summary>
    private async Task<int?> QueryScalarAsync(string key, NpgsqlParameter[] parameters)
    {
        await using var command = database.DataSource.CreateCommand(database.Query(key));
        command.Parameters.AddRange(parameters);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        return await reader.ReadAsync(Ct) && reader.FieldCount > 0 && !reader.IsDBNull(0) ? reader.GetInt32(0) : null;
    }
}
