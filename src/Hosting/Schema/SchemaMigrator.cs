using System.Data;
using System.Reflection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace PPipe.Hosting.Schema;

/// <summary>
/// Applies the repository's SQL scripts (embedded from <c>src/Hosting/Schema/*.sql</c>) in order. Each
/// script runs in its own transaction together with its row in <c>ppipe_schema_history</c>, so a script
/// is either applied and recorded or not at all. A session-level advisory lock serializes concurrent
/// runs (several silos starting at once); a second run changes nothing. A recorded script whose text
/// has since changed stops the run before anything is applied: scripts are append-only, never edited
/// after release.
/// </summary>
public sealed partial class SchemaMigrator(NpgsqlDataSource dataSource, ILogger<SchemaMigrator> logger)
{
    /// <summary>Fixed key of the advisory lock ("PPIPE" in ASCII). Advisory locks are per database.</summary>
    private const long LockKey = 0x5050495045;

    private const string ResourcePrefix = "PPipe.Hosting.Schema.";

    private const string CreateHistory = """
        CREATE TABLE IF NOT EXISTS ppipe_schema_history (
          id         text        NOT NULL PRIMARY KEY,
          checksum   text        NOT NULL,
          applied_at timestamptz NOT NULL DEFAULT now()
        )
        """;

    /// <summary>The embedded scripts, in the order they are applied (ordinal order of their ids).</summary>
    public static IReadOnlyList<SchemaScript> Scripts { get; } = LoadScripts();

    /// <summary>
    /// Every query key the three Orleans ADO.NET providers read, the optional
    /// <c>CleanupDefunctSiloEntryKey</c> and <c>DeleteStorageKey</c> included. Spelling is exact:
    /// the providers look keys up case-sensitively.
    /// </summary>
    public static IReadOnlyList<string> RequiredQueryKeys { get; } =
    [
        // Clustering: 9 required, 1 optional.
        "InsertMembershipVersionKey", "MembershipReadRowKey", "MembershipReadAllKey", "InsertMembershipKey",
        "UpdateMembershipKey", "UpdateIAmAlivetimeKey", "DeleteMembershipTableEntriesKey", "GatewaysQueryKey",
        "CleanupDefunctSiloEntriesKey", "CleanupDefunctSiloEntryKey",

        // Persistence: 3 required, 1 optional.
        "ReadFromStorageKey", "WriteToStorageKey", "ClearStorageKey", "DeleteStorageKey",

        // Reminders: 7 required.
        "UpsertReminderRowKey", "ReadReminderRowsKey", "ReadReminderRowKey", "ReadRangeRows1Key",
        "ReadRangeRows2Key", "DeleteReminderRowKey", "DeleteReminderRowsKey",
    ];

    /// <summary>
    /// Applies every script not yet recorded in <c>ppipe_schema_history</c>. Waits while another process
    /// migrates the same database. Throws <see cref="InvalidOperationException"/> naming the script when a
    /// recorded script's text has changed since it was applied; nothing is applied then.
    /// </summary>
    public async Task<SchemaMigrationResult> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await AcquireLockAsync(connection, cancellationToken);
        try
        {
            await ExecuteAsync(connection, null, CreateHistory, cancellationToken);
            var history = await ReadHistoryAsync(connection, cancellationToken);
            var pending = PendingScripts(history);

            var appliedNow = new List<string>();
            foreach (var script in pending)
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await ExecuteAsync(connection, transaction, script.Text, cancellationToken);
                await ExecuteAsync(connection, transaction,
                    "INSERT INTO ppipe_schema_history (id, checksum, applied_at) VALUES (@id, @checksum, now())",
                    cancellationToken, ("id", script.Id), ("checksum", script.Checksum));
                await transaction.CommitAsync(cancellationToken);
                LogApplied(logger, script.Id, script.Checksum);
                appliedNow.Add(script.Id);
            }

            var known = Scripts.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
            var result = new SchemaMigrationResult(appliedNow, [.. history.Select(h => h.Id).Where(known.Contains)]);
            LogDone(logger, result.ToString());
            return result;
        }
        finally
        {
            await ReleaseLockAsync(connection);
        }
    }

    /// <summary>The history table's rows in id order; empty when no migration ever ran.</summary>
    public async Task<IReadOnlyList<AppliedScript>> GetAppliedAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT to_regclass('ppipe_schema_history') IS NOT NULL", connection);
        return (bool)(await exists.ExecuteScalarAsync(cancellationToken))!
            ? await ReadHistoryAsync(connection, cancellationToken)
            : [];
    }

    /// <summary>Checks every recorded checksum first, so a tampered history stops the run before it changes anything.</summary>
    private List<SchemaScript> PendingScripts(IReadOnlyList<AppliedScript> history)
    {
        var recorded = history.ToDictionary(h => h.Id, StringComparer.Ordinal);
        var pending = new List<SchemaScript>();
        foreach (var script in Scripts)
        {
            if (!recorded.TryGetValue(script.Id, out var earlier))
            {
                pending.Add(script);
            }
            else if (!string.Equals(earlier.Checksum, script.Checksum, StringComparison.Ordinal))
            {
                throw new InvalidOperationException(
                    $"Schema script {script.Id} was applied on {earlier.AppliedAt:u} with checksum {earlier.Checksum}, " +
                    $"but the embedded {script.Id}.sql now has checksum {script.Checksum}. Applied scripts must never change: " +
                    "restore the script's original text and put the change in a new, higher-numbered script.");
            }
        }

        var known = Scripts.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var unknown in history.Where(h => !known.Contains(h.Id)))
        {
            LogUnknownScript(logger, unknown.Id);
        }

        return pending;
    }

    private async Task AcquireLockAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var tryLock = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
        tryLock.Parameters.AddWithValue("key", LockKey);
        if ((bool)(await tryLock.ExecuteScalarAsync(cancellationToken))!)
        {
            return;
        }

        LogWaitingForLock(logger);
        await ExecuteAsync(connection, null, "SELECT pg_advisory_lock(@key)", cancellationToken, ("key", LockKey));
    }

    /// <summary>
    /// Releases the session lock before the connection goes back to the pool. A broken connection has no
    /// session left, and the server dropped its lock with it.
    /// </summary>
    private async Task ReleaseLockAsync(NpgsqlConnection connection)
    {
        if (connection.State != ConnectionState.Open)
        {
            return;
        }

        try
        {
            await ExecuteAsync(connection, null, "SELECT pg_advisory_unlock(@key)", CancellationToken.None, ("key", LockKey));
        }
        catch (NpgsqlException e)
        {
            LogUnlockFailed(logger, e);
        }
    }

    private static async Task<IReadOnlyList<AppliedScript>> ReadHistoryAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT id, checksum, applied_at FROM ppipe_schema_history ORDER BY id COLLATE \"C\"", connection);
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
        var assembly = typeof(SchemaMigrator).Assembly;
        return [.. assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => new SchemaScript(n[ResourcePrefix.Length..^".sql".Length], Read(assembly, n)))];
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied schema script {ScriptId} (checksum {Checksum})")]
    private static partial void LogApplied(ILogger logger, string scriptId, string checksum);

    [LoggerMessage(Level = LogLevel.Information, Message = "Schema migration finished: {Result}")]
    private static partial void LogDone(ILogger logger, string result);

    [LoggerMessage(Level = LogLevel.Information, Message = "Another process is migrating this database; waiting for it to finish")]
    private static partial void LogWaitingForLock(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Schema script {ScriptId} is recorded in ppipe_schema_history but unknown to this build: the database was migrated by a newer version")]
    private static partial void LogUnknownScript(ILogger logger, string scriptId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not release the schema migration lock; other migrators wait until this database session ends")]
    private static partial void LogUnlockFailed(ILogger logger, Exception exception);
}
