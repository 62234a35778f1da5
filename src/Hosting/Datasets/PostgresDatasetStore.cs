using System.Runtime.CompilerServices;
using Npgsql;
using NpgsqlTypes;
using PPipe.Grains.Client.Datasets;

namespace PPipe.Hosting.Datasets;

/// <summary>
/// Cluster mode's dataset store: the tables of <c>0005_datasets.sql</c>. Every statement is one round trip on the shared
/// pool; chunks are written as they fill, so an upload never holds more than one chunk in memory.
/// </summary>
public sealed class PostgresDatasetStore(NpgsqlDataSource dataSource) : IDatasetStore
{
    public async Task<Guid> BeginAsync(string datasetId, CancellationToken cancellationToken)
    {
        var upload = Guid.NewGuid();
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(Command("DELETE FROM ppipe_dataset_upload WHERE sealed_at IS NULL AND started_at < now() - $1",
            new NpgsqlParameter { Value = IDatasetStore.StaleAfter, NpgsqlDbType = NpgsqlDbType.Interval }));
        batch.BatchCommands.Add(Command("INSERT INTO ppipe_dataset_upload (upload_id, dataset_id) VALUES ($1, $2)",
            new NpgsqlParameter { Value = upload }, new NpgsqlParameter { Value = datasetId }));
        await batch.ExecuteNonQueryAsync(cancellationToken);
        return upload;
    }

    public async Task AppendAsync(Guid upload, DatasetChunk chunk, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "INSERT INTO ppipe_dataset_chunk (upload_id, chunk, first_row, row_count, data) VALUES ($1, $2, $3, $4, $5)");
        command.Parameters.Add(new NpgsqlParameter { Value = upload });
        command.Parameters.Add(new NpgsqlParameter { Value = chunk.Index });
        command.Parameters.Add(new NpgsqlParameter { Value = chunk.FirstRow });
        command.Parameters.Add(new NpgsqlParameter { Value = chunk.Rows });
        command.Parameters.Add(new NpgsqlParameter<ReadOnlyMemory<byte>> { TypedValue = chunk.Data, NpgsqlDbType = NpgsqlDbType.Bytea });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task SealAsync(Guid upload, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("UPDATE ppipe_dataset_upload SET sealed_at = now() WHERE upload_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = upload });
        if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            throw new InvalidOperationException($"There is no upload {upload} in the dataset store.");
        }
    }

    public async Task DiscardAsync(Guid upload, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM ppipe_dataset_upload WHERE upload_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = upload });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async IAsyncEnumerable<DatasetChunk> ReadAsync(Guid upload, long fromRow, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT chunk, first_row, row_count, data FROM ppipe_dataset_chunk WHERE upload_id = $1 AND first_row + row_count > $2 ORDER BY chunk");
        command.Parameters.Add(new NpgsqlParameter { Value = upload });
        command.Parameters.Add(new NpgsqlParameter { Value = fromRow });
        var any = false;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                any = true;
                yield return new DatasetChunk(reader.GetInt32(0), reader.GetInt64(1), reader.GetInt32(2), reader.GetFieldValue<byte[]>(3));
            }
        }

        // No chunk: past the last row, or no such upload, which is an error (as in the process's own store), not an empty file.
        if (!any)
        {
            await using var exists = dataSource.CreateCommand("SELECT 1 FROM ppipe_dataset_upload WHERE upload_id = $1");
            exists.Parameters.Add(new NpgsqlParameter { Value = upload });
            if (await exists.ExecuteScalarAsync(cancellationToken) is null)
            {
                throw new InvalidOperationException($"There is no upload {upload} in the dataset store.");
            }
        }
    }

    public async Task<DatasetStorageUsage> UsageAsync(string datasetId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT count(*)::int, count(u.sealed_at)::int,
                   coalesce((SELECT sum(length(c.data)) FROM ppipe_dataset_chunk c JOIN ppipe_dataset_upload x USING (upload_id)
                             WHERE x.dataset_id = $1), 0)::bigint
            FROM ppipe_dataset_upload u WHERE u.dataset_id = $1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = datasetId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new DatasetStorageUsage(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt64(2));
    }

    private static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }
}
