using Npgsql;
using PPipe.Cluster.Soak.Hosting;

namespace PPipe.Cluster.Soak.Measure;

/// <summary>
/// Reads PostgreSQL's own view of the run every time <see cref="SampleAsync"/> is called: pg_stat_activity (who holds
/// how many connections), pg_stat_database (transactions and rows) and pg_stat_statements when loaded; at the end,
/// table sizes and the busiest statements. A sample during an outage records the error instead.
/// </summary>
public sealed class PostgresMonitor(PostgresServer server, RunClock clock, Func<IEnumerable<(string Name, int Pid)>> hosts)
{
    private readonly Lock _lock = new();
    private readonly List<PostgresSample> _samples = [];

    public IReadOnlyList<PostgresSample> Samples
    {
        get
        {
            lock (_lock)
            {
                return [.. _samples];
            }
        }
    }

    public async Task SampleAsync(CancellationToken cancellationToken)
    {
        var at = clock.Seconds;
        PostgresSample sample;
        try
        {
            await using var connection = new NpgsqlConnection(server.MonitorConnectionString);
            await connection.OpenAsync(cancellationToken);
            var byState = new Dictionary<string, int>(StringComparer.Ordinal);
            var ports = new List<int>();
            await using (var activity = new NpgsqlCommand(
                "SELECT coalesce(state, 'unknown'), coalesce(client_port, -1) FROM pg_stat_activity WHERE datname = @db AND pid <> pg_backend_pid()", connection))
            {
                activity.Parameters.AddWithValue("db", PostgresServer.Database);
                await using var reader = await activity.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    byState[reader.GetString(0)] = byState.GetValueOrDefault(reader.GetString(0)) + 1;
                    ports.Add(reader.GetInt32(1));
                }
            }

            var owners = ConnectionOwners.Find(server.Port, hosts());
            var byOwner = ports.GroupBy(p => owners.GetValueOrDefault(p, "other")).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            long commits, rollbacks, inserted, updated, fetched;
            await using (var database = new NpgsqlCommand(
                "SELECT xact_commit, xact_rollback, tup_inserted, tup_updated, tup_fetched FROM pg_stat_database WHERE datname = @db", connection))
            {
                database.Parameters.AddWithValue("db", PostgresServer.Database);
                await using var reader = await database.ExecuteReaderAsync(cancellationToken);
                await reader.ReadAsync(cancellationToken);
                (commits, rollbacks, inserted, updated, fetched) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4));
            }

            long? statements = null;
            if (server.HasStatements)
            {
                await using var calls = new NpgsqlCommand(
                    "SELECT coalesce(sum(calls), 0)::bigint FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = @db", connection);
                calls.Parameters.AddWithValue("db", PostgresServer.Database);
                statements = (long)(await calls.ExecuteScalarAsync(cancellationToken))!;
            }

            sample = new PostgresSample(at, ports.Count, byState, byOwner, commits, rollbacks, inserted, updated, fetched, statements, null);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or IOException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            sample = new PostgresSample(at, 0, new Dictionary<string, int>(), new Dictionary<string, int>(), 0, 0, 0, 0, 0, null, e.Message);
        }

        lock (_lock)
        {
            _samples.Add(sample);
        }
    }

    /// <summary>Every table with its exact row count and total size (statistics' row estimates lag behind a short run).</summary>
    public async Task<IReadOnlyList<TableSize>> TableSizesAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(server.MonitorConnectionString);
        await connection.OpenAsync(cancellationToken);
        var tables = new List<(string Name, long Bytes)>();
        await using (var command = new NpgsqlCommand(
            "SELECT relname, pg_total_relation_size(relid) FROM pg_stat_user_tables ORDER BY pg_total_relation_size(relid) DESC", connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                tables.Add((reader.GetString(0), reader.GetInt64(1)));
            }
        }

        var sizes = new List<TableSize>();
        foreach (var (name, bytes) in tables)
        {
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM \"{name}\"", connection) { CommandTimeout = 120 };
            sizes.Add(new TableSize(name, (long)(await count.ExecuteScalarAsync(cancellationToken))!, bytes));
        }

        return sizes;
    }

    /// <summary>Grain state rows by grain type: how many, and their payload bytes (as stored, before TOAST compression is undone).</summary>
    public async Task<IReadOnlyList<TableSize>> GrainStateByTypeAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(server.MonitorConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT graintypestring, count(*), coalesce(sum(pg_column_size(payloadbinary)), 0)::bigint FROM orleansstorage GROUP BY 1 ORDER BY 2 DESC", connection)
        {
            CommandTimeout = 120,
        };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var types = new List<TableSize>();
        while (await reader.ReadAsync(cancellationToken))
        {
            types.Add(new TableSize(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2)));
        }

        return types;
    }

    public async Task<IReadOnlyList<StatementStats>> TopStatementsAsync(int count, CancellationToken cancellationToken)
    {
        if (!server.HasStatements)
        {
            return [];
        }

        await using var connection = new NpgsqlConnection(server.MonitorConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            SELECT calls, total_exec_time, mean_exec_time, rows, regexp_replace(query, '\s+', ' ', 'g')
            FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
            WHERE d.datname = @db ORDER BY calls DESC LIMIT @n
            """, connection);
        command.Parameters.AddWithValue("db", PostgresServer.Database);
        command.Parameters.AddWithValue("n", count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var statements = new List<StatementStats>();
        while (await reader.ReadAsync(cancellationToken))
        {
            statements.Add(new StatementStats(reader.GetInt64(0), reader.GetDouble(1), reader.GetDouble(2), reader.GetInt64(3), reader.GetString(4)));
        }

        return statements;
    }
}
