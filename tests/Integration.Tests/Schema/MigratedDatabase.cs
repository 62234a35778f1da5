using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using PPipe.Hosting.Schema;
using PPipe.Integration.Tests.Infrastructure;

namespace PPipe.Integration.Tests.Schema;

/// <summary>A database with the schema applied, shared by a test class; tests keep apart by fresh cluster and service ids.</summary>
public sealed class MigratedDatabase : IAsyncLifetime
{
    private TestDatabase? _database;
    private Dictionary<string, string> _queries = [];

    public string ConnectionString => _database?.ConnectionString ?? throw new InvalidOperationException("Not initialized.");

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    /// <summary>The text the providers would load for <paramref name="key"/> from <c>orleansquery</c>.</summary>
    public string Query(string key) => _queries[key];

    public async ValueTask InitializeAsync()
    {
        _database = await PostgresServer.CreateDatabaseAsync("queries");
        DataSource = NpgsqlDataSource.Create(_database.ConnectionString);
        await new SchemaMigrator(DataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync(CancellationToken.None);
        _queries = await OrleansTables.ReadQueriesAsync(DataSource, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        if (DataSource is not null)
        {
            await DataSource.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
