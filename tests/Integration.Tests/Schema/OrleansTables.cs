using Npgsql;

namespace PPipe.Integration.Tests.Schema;

/// <summary>Reads the providers' tables directly, to check what Orleans wrote.</summary>
public static class OrleansTables
{
    public static async Task<Dictionary<string, string>> ReadQueriesAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        // The statement the clustering and reminder providers run at start, spelled as they spell it.
        await using var command = dataSource.CreateCommand("SELECT QueryKey, QueryText FROM OrleansQuery");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var queries = new Dictionary<string, string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            queries.Add(reader.GetString(reader.GetOrdinal("QueryKey")), reader.GetString(reader.GetOrdinal("QueryText")));
        }

        return queries;
    }

    public static async Task<IReadOnlyList<MembershipRow>> ReadMembershipAsync(NpgsqlDataSource dataSource, string clusterId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT address, port, generation, status, proxyport, iamalivetime
            FROM orleansmembershiptable WHERE deploymentid = $1 ORDER BY port, generation
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = clusterId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<MembershipRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new MembershipRow(
                reader.GetString(0),
                reader.GetInt32(1),
                reader.GetInt32(2),
                reader.GetInt32(3),
                reader.IsDBNull(4) ? null : reader.GetInt32(4),
                reader.GetFieldValue<DateTimeOffset>(5)));
        }

        return rows;
    }

    public static async Task<int?> ReadMembershipVersionAsync(NpgsqlDataSource dataSource, string clusterId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT version FROM orleansmembershipversiontable WHERE deploymentid = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = clusterId });
        return await command.ExecuteScalarAsync(cancellationToken) is int version ? version : null;
    }

    public static async Task<IReadOnlyList<StorageRow>> ReadStorageAsync(NpgsqlDataSource dataSource, string serviceId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT grainidhash, grainidn0, grainidn1, graintypehash, graintypestring, grainidextensionstring,
                   serviceid, payloadbinary, version
            FROM orleansstorage WHERE serviceid = $1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = serviceId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<StorageRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new StorageRow(
                reader.GetInt32(0),
                reader.GetInt64(1),
                reader.GetInt64(2),
                reader.GetInt32(3),
                reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetFieldValue<byte[]>(7),
                reader.IsDBNull(8) ? null : reader.GetInt32(8)));
        }

        return rows;
    }

    /// <summary>Reminder rows of the service as (grain id, reminder name, period in ms).</summary>
    public static async Task<IReadOnlyList<(string GrainId, string ReminderName, long Period)>> ReadRemindersAsync(
        NpgsqlDataSource dataSource, string serviceId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT grainid, remindername, period FROM orleansreminderstable WHERE serviceid = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = serviceId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<(string, string, long)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
        }

        return rows;
    }
}
