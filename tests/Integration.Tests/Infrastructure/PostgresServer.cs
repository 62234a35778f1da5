using Npgsql;

namespace PPipe.Integration.Tests.Infrastructure;

/// <summary>
/// The throwaway PostgreSQL server that scripts/test.sh starts (connection string in
/// <c>PPIPE_TEST_POSTGRES</c>). Every test gets a database of its own, dropped when it is disposed.
/// </summary>
public static class PostgresServer
{
    public const string Variable = "PPIPE_TEST_POSTGRES";

    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{Variable} is not set: run the tests with scripts/test.sh, which starts a throwaway PostgreSQL server for them.");

    public static async Task<TestDatabase> CreateDatabaseAsync(string prefix)
    {
        var name = $"ppipe_{prefix}_{Guid.NewGuid():N}"[..40].ToLowerInvariant();
        await using (var admin = new NpgsqlConnection(AdminConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Pooling = true }.ConnectionString;
        return new TestDatabase(name, connectionString);
    }

    internal static async Task DropDatabaseAsync(string name)
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(AdminConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
