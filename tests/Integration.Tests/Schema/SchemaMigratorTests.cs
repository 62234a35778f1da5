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
        Assert.Equal(["0001_orleans_query", "0002_clustering", "0003_persistence", "0004_reminders", "0005_datasets"], SchemaMigrator.Scripts.Select(s => s.Id));
        Assert.Equal(SchemaMigrator.Scripts.Select(s => s.Id), result.Applied);
        Assert.Empty(result.AlreadyApplied);
        Assert.Equal(SchemaMigrator.Scripts.Select(s => (s.Id, s.Checksum)), history.Select(h => (h.Id, h.Checksum)));
    }

    [Fact]
    public async Task Migrate_SecondRun_AppliesNothingAndLeavesHistoryUnchanged()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync("schema");
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        var migrator = new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance);
        await migrator.MigrateAsync(Ct);
        var historyBefore = await migrator.GetAppliedAsync(Ct);
        var queriesBefore = await OrleansTables.ReadQueriesAsync(dataSource, Ct);

        var second = await migrator.MigrateAsync(Ct);

        Assert.Empty(second.Applied);
        Assert.Equal(SchemaMigrator.Scripts.Select(s => s.Id), second.AlreadyApplied);
        Assert.Equal(historyBefore, await migrator.GetAppliedAsync(Ct));
        Assert.Equal(queriesBefore, await OrleansTables.ReadQueriesAsync(dataSource, Ct));
    }

    [Fact]
    public async Task Migrate_TwoMigratorsAtOnce_BothSucceedAndEachScriptAppliedExactlyOnce()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync("schema");
        await using var first = NpgsqlDataSource.Create(database.ConnectionString);
        await using var second = NpgsqlDataSource.Create(database.ConnectionString);

        var results = await Task.WhenAll(
            Task.Run(() => new SchemaMigrator(first, NullLogger<SchemaMigrator>.Instance).MigrateAsync(Ct), Ct),
            Task.Run(() => new SchemaMigrator(second, NullLogger<SchemaMigrator>.Instance).MigrateAsync(Ct), Ct));

        var applied = results.SelectMany(r => r.Applied).Order(StringComparer.Ordinal);
        Assert.Equal(SchemaMigrator.Scripts.Select(s => s.Id), applied);
        var history = await new SchemaMigrator(first, NullLogger<SchemaMigrator>.Instance).GetAppliedAsync(Ct);
        Assert.Equal(SchemaMigrator.Scripts.Select(s => s.Id), history.Select(h => h.Id));
    }

    [Fact]
    public async Task Migrate_AppliedScriptChecksumTampered_FailsNamingTheScriptBeforeApplyingAnything()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync("schema");
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        var migrator = new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance);
        await migrator.MigrateAsync(Ct);
        // 0004 now looks pending: were it applied before the check, CREATE TABLE would fail differently.
        await using (var tamper = dataSource.CreateCommand("""
            UPDATE ppipe_schema_history SET checksum = 'edited' WHERE id = '0003_persistence';
            DELETE FROM ppipe_schema_history WHERE id = '0004_reminders';
            """))
        {
            await tamper.ExecuteNonQueryAsync(Ct);
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => migrator.MigrateAsync(Ct));

        Assert.Contains("0003_persistence", error.Message);
        Assert.Contains("must never change", error.Message);
        Assert.DoesNotContain("0004_reminders", (await migrator.GetAppliedAsync(Ct)).Select(h => h.Id));
    }

    [Fact]
    public async Task Migrate_Done_EveryProviderQueryKeyPresent()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync("schema");
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);

        await new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync(Ct);

        var keys = (await OrleansTables.ReadQueriesAsync(dataSource, Ct)).Keys;
        Assert.Equal(21, SchemaMigrator.RequiredQueryKeys.Count);
        Assert.Equal(SchemaMigrator.RequiredQueryKeys.Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task GetApplied_NeverMigrated_Empty()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync("schema");
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);

        var history = await new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance).GetAppliedAsync(Ct);

        Assert.Empty(history);
    }
}
