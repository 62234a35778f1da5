using System.Text.RegularExpressions;
using Npgsql;

namespace PPipe.Integration.Tests.Infrastructure;

/// <summary>
/// The throwaway PostgreSQL server that scripts/test.sh starts (a superuser connection string in
/// <c>PPIPE_TEST_POSTGRES</c>). Every call creates a database of its own, dropped when the returned
/// <see cref="TestDatabase"/> is disposed. Without the variable the tests fail rather than skip: a
/// green run must mean the PostgreSQL tests ran.
/// </summary>
public static partial class PostgresServer
{
    public const string Variable = "PPIPE_TEST_POSTGRES";

    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{Variable} is not set: run the tests through scripts/test.sh, which starts a throwaway PostgreSQL server " +
                $"and sets it (or set {Variable} yourself to a superuser connection string on a server you can throw away).");

    /// <summary>Creates an empty database named <c>ppipe_&lt;prefix&gt;_&lt;guid&gt;</c>; its connection string is on the result.</summary>
    public static async Task<TestDatabase> CreateDatabaseAsync(string prefix)
    {
        // Identifiers are at most 63 bytes: the prefix is cut, never the GUID that makes the name unique.
        var safePrefix = UnsafeCharacters().Replace(prefix.ToLowerInvariant(), "_");
        var name = $"ppipe_{safePrefix[..Math.Min(safePrefix.Length, 20)]}_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(AdminConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }

        return new TestDatabase(name, ConnectionStringFor(name));
    }

    internal static async Task DropDatabaseAsync(string name)
    {
        // Idle pooled connections to the database would otherwise be killed under their pool's feet.
        await using (var pooled = new NpgsqlConnection(ConnectionStringFor(name)))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        await using var admin = new NpgsqlConnection(AdminConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    private static string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database, Pooling = true }.ConnectionString;

    [GeneratedRegex("[^a-z0-9_]")]
    private static partial Regex UnsafeCharacters();
}
