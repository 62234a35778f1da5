using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using PPipe.Hosting.Schema;
using PPipe.Integration.Tests.Infrastructure;

namespace PPipe.Integration.Tests.Schema;

public sealed class SchemaMigratorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Migrate_EmptyDatabase_AppliesEveryScriptInOrderAndRecordsIt()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync("schema");
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        var migrator = new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance);

        var result = await migrator.MigrateAsync(Ct);
        var history = await migrator.GetAppliedAsync(Ct);

        Assert.Equal(SchemaMigrator.Scripts.Select(s => s.Id), result.Applied);
        Assert.Empty(result.AlreadyApplied);
        Assert.Equal(SchemaMigrator.Scripts.Select(s => (s.Id, s.Checksum)), history.Select(h => (h.Id, h.Checksum)));
    }

    [Fact]
    public async Task Migrate_SecondRun_ChangesNothing()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync("schema");
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        var migrator = new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance);
        await migrator.MigrateAsync(Ct);
        var before = await migrator.GetAppliedAsync(Ct);
        var queriesBefore = await QueryTextsAsync(dataSource);

        var second = await migrator.MigrateAsync(Ct);

        Assert.Empty(second.Applied);
        Assert.Equal(SchemaMigrator.Scripts.Select(s => s.Id), second.AlreadyApplied);
        Assert.Equal(before, await migrator.GetAppliedAsync(Ct));
        Assert.Equal(queriesBefore, await QueryTextsAsync(dataSource));
    }

    [Fact]
    public async Task Migrate_TwoMigratorsAtOnce_EachScriptAppliedExactlyOnce()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync("schema");
        await using var first = NpgsqlDataSource.Create(database.ConnectionString);
        await using var second = NpgsqlDataSource.Create(database.ConnectionString);

        var results = await Task.WhenAll(
            new SchemaMigrator(first, NullLogger<SchemaMigrator>.Instance).MigrateAsync(Ct),
            new SchemaMigrator(second, NullLogger<SchemaMigrator>.Instance).MigrateAsync(Ct));

        var appliedTwice = results.SelectMany(r => r.Applied).GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key);
        Assert.Empty(appliedTwice);
        Assert.Equal(SchemaMigrator.Scripts.Count, results.Sum(r => r.Applied.Count));
        Assert.Equal(SchemaMigrator.Scripts.Count, (await new SchemaMigrator(first, NullLogger<SchemaMigrator>.Instance).GetAppliedAsync(Ct)).Count);
    }

    [Fact]
    public async Task Migrate_AppliedScriptChangedSince_FailsNamingTheScript()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync("schema");
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        var migrator = new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance);
        await migrator.MigrateAsync(Ct);
        await using (var tamper = dataSource.CreateCommand("UPDATE ppipe_schema_history SET checksum = 'edited' WHERE id = '0003_persistence'"))
        {
            await tamper.ExecuteNonQueryAsync(Ct);
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => migrator.MigrateAsync(Ct));

        Assert.Contains("0003_persistence", error.Message);
        Assert.Contains("must never change", error.Message);
    }

    [Fact]
    public async Task Migrate_Done_EveryProviderQueryKeyPresentOnce()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync("schema");
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);

        await new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync(Ct);
        var keys = (await QueryTextsAsync(dataSource)).Keys;

        Assert.Equal(SchemaMigrator.RequiredQueryKeys.Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task WriteToStorage_StaleVersion_DoesNotOverwrite()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync("schema");
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync(Ct);
        var write = (await QueryTextsAsync(dataSource))["WriteToStorageKey"];

        var inserted = await WriteAsync(dataSource, write, version: null, payload: [1]);
        var duplicateInsert = await WriteAsync(dataSource, write, version: null, payload: [2]);
        var updated = await WriteAsync(dataSource, write, version: 1, payload: [3]);
        var stale = await WriteAsync(dataSource, write, version: 1, payload: [4]);
        await using var read = dataSource.CreateCommand("SELECT payloadbinary, version FROM orleansstorage");
        await using var reader = await read.ExecuteReaderAsync(Ct);
        await reader.ReadAsync(Ct);

        Assert.Equal(1, inserted);
        Assert.Null(duplicateInsert);
        Assert.Equal(2, updated);
        Assert.Equal(1, stale);
        Assert.Equal(new byte[] { 3 }, reader.GetFieldValue<byte[]>(0));
        Assert.Equal(2, reader.GetInt32(1));
    }

    private static async Task<int?> WriteAsync(NpgsqlDataSource dataSource, string sql, int? version, byte[] payload)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("GrainIdHash", 42);
        command.Parameters.AddWithValue("GrainIdN0", 0L);
        command.Parameters.AddWithValue("GrainIdN1", 7L);
        command.Parameters.AddWithValue("GrainTypeHash", -5);
        command.Parameters.AddWithValue("GrainTypeString", "enrollment");
        command.Parameters.Add(new NpgsqlParameter("GrainIdExtensionString", NpgsqlTypes.NpgsqlDbType.Text) { Value = DBNull.Value });
        command.Parameters.AddWithValue("ServiceId", "test");
        command.Parameters.Add(new NpgsqlParameter("GrainStateVersion", NpgsqlTypes.NpgsqlDbType.Integer) { Value = (object?)version ?? DBNull.Value });
        command.Parameters.AddWithValue("PayloadBinary", payload);
        var result = await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
        return result is DBNull or null ? null : (int)result;
    }

    private static async Task<Dictionary<string, string>> QueryTextsAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("SELECT querykey, querytext FROM orleansquery");
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var texts = new Dictionary<string, string>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            texts[reader.GetString(0)] = reader.GetString(1);
        }

        return texts;
    }
}
