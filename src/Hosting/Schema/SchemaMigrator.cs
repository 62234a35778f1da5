using System.Reflection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace PPipe.Hosting.Schema;

/// <summary>
/// Applies the repository's SQL scripts (embedded from <c>src/Hosting/Schema/*.sql</c>) in order. Each
/// script runs in its own transaction together with its row in <c>ppipe_schema_history</c>, so a script
/// is either applied and recorded or not at all. A session-level advisory lock serializes concurrent
/// runs (several silos starting at once); a second run changes nothing. A recorded script whose text
/// has since changed stops the run: scripts are append-only, never edited after release.
/// </summary>
public sealed partial class SchemaMigrator(NpgsqlDataSource dataSource, ILogger<SchemaMigrator> logger)
{
    /// <summary>Arbitrary but fixed key of the advisory lock ("PPIPE" in ASCII).</summary>
    private const long LockKey = 0x5050495045;

    private const string CreateHistory = """
        CREATE TABLE IF NOT EXISTS ppipe_schema_history (
          id         text        NOT NULL PRIMARY KEY,
          checksum   text        NOT NULL,
          applied_at timestamptz NOT NULL DEFAULT now()
        )
        """;

    /// <summary>The embedded scripts, in the order they are applied.</summary>
    public static IReadOnlyList<SchemaScript> Scripts { get; } = LoadScripts();

    /// <summary>Every query key the three Orleans ADO.NET providers read (the optional ones included).</summary>
    public static IReadOnlyList<string> RequiredQueryKeys { get; } =
    [
        "InsertMembershipVersionKey", "MembershipReadRowKey", "MembershipReadAllKey", "InsertMembershipKey",
        "UpdateMembershipKey", "UpdateIAmAlivetimeKey", "DeleteMembershipTableEntriesKey", "GatewaysQueryKey",
        "CleanupDefunctSiloEntriesKey", "CleanupDefunctSiloEntryKey",
        "ReadFromStorageKey", "WriteToStorageKey", "ClearStorageKey", "DeleteStorageKey",
        "UpsertReminderRowKey", "ReadReminderRowsKey", "ReadReminderRowKey", "ReadRangeRows1Key",
        "ReadRangeRows2Key", "DeleteReminderRowKey", "DeleteReminderRowsKey",
    ];

    public async Task<SchemaMigrationResult> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection, null, "SELECT pg_advisory_lock(@key)", cancellationToken, ("key", LockKey));
        try
        {
            await ExecuteAsync(connection, null, CreateHistory, cancellationToken);
            var applied = (await ReadHistoryAsync(connection, cancellationToken)).ToDictionary(a => a.Id);
            var appliedNow = new List<string>();
            var appliedBefore = new List<string>();
            foreach (var script in Scripts)
            {
                if (applied.TryGetValue(script.Id, out var earlier))
                {
                    if (earlier.Checksum != script.Checksum)
                    {
                        throw new InvalidOperationException(
                            $"Schema script {script.Id} was applied on {earlier.AppliedAt:u} with checksum {earlier.Checksum}, " +
                            $"but its text now has checksum {script.Checksum}. Applied scripts must never change: add a new script instead.");
                    }

                    appliedBefore.Add(script.Id);
                    continue;
                }

                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await ExecuteAsync(connection, transaction, script.Text, cancellationToken);
                await ExecuteAsync(connection, transaction, "INSERT INTO ppipe_schema_history (id, checksum) VALUES (@id, @checksum)",
                    cancellationToken, ("id", script.Id), ("checksum", script.Checksum));
                await transaction.CommitAsync(cancellationToken);
                LogApplied(logger, script.Id);
                appliedNow.Add(script.Id);
            }

            var result = new SchemaMigrationResult(appliedNow, appliedBefore);
            LogDone(logger, result.ToString());
            return result;
        }
        finally
        {
            await ExecuteAsync(connection, null, "SELECT pg_advisory_unlock(@key)", CancellationToken.None, ("key", LockKey));
        }
    }

    /// <summary>The history table's rows, oldest first; empty when no migration ever ran.</summary>
    public async Task<IReadOnlyList<AppliedScript>> GetAppliedAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT to_regclass('ppipe_schema_history') IS NOT NULL", connection);
        return (bool)(await exists.ExecuteScalarAsync(cancellationToken))!
            ? await ReadHistoryAsync(connection, cancellationToken)
            : [];
    }

    private static async Task<IReadOnlyList<AppliedScript>> ReadHistoryAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT id, checksum, applied_at FROM ppipe_schema_history ORDER BY id", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<AppliedScript>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new AppliedScript(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2)));
        }

        return rows;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql,
        CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static List<SchemaScript> LoadScripts()
    {
        const string prefix = "PPipe.Hosting.Schema.";
        var assembly = typeof(SchemaMigrator).Assembly;
        return [.. assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => new SchemaScript(n[prefix.Length..^".sql".Length], Read(assembly, n)))];
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied schema script {ScriptId}")]
    private static partial void LogApplied(ILogger logger, string scriptId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Schema migration finished: {Result}")]
    private static partial void LogDone(ILogger logger, string result);
}
