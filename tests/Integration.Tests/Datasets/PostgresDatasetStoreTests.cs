using System.Text;
using Npgsql;
using PPipe.Grains.Client.Datasets;
using PPipe.Hosting.Datasets;
using PPipe.Integration.Tests.Schema;

namespace PPipe.Integration.Tests.Datasets;

/// <summary>The cluster's dataset store on real PostgreSQL: staged, sealed, read by row range (an upload it does not hold is an error), discarded, and stale uploads swept.</summary>
public sealed class PostgresDatasetStoreTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private PostgresDatasetStore Store => new(database.DataSource);

    private static DatasetChunk Chunk(int index, long firstRow, int rows) =>
        new(index, firstRow, rows, Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range((int)firstRow, rows).Select(r => $"{r},x\n"))));

    [Fact]
    public async Task Read_FromARow_ReturnsTheChunksHoldingItAndAfterInOrder()
    {
        var dataset = "store-" + Guid.NewGuid().ToString("N")[..8];
        var upload = await Store.BeginAsync(dataset, Ct);
        await Store.AppendAsync(upload, Chunk(0, 0, 10), Ct);
        await Store.AppendAsync(upload, Chunk(1, 10, 10), Ct);
        await Store.AppendAsync(upload, Chunk(2, 20, 3), Ct);
        await Store.SealAsync(upload, Ct);

        var chunks = new List<DatasetChunk>();
        await foreach (var chunk in Store.ReadAsync(upload, 15, Ct))
        {
            chunks.Add(chunk);
        }

        Assert.Equal([(1, 10L, 10), (2, 20L, 3)], chunks.Select(c => (c.Index, c.FirstRow, c.Rows)));
        Assert.StartsWith("10,x\n", Encoding.UTF8.GetString(chunks[0].Data.Span));
        Assert.Equal(1, (await Store.UsageAsync(dataset, Ct)).Sealed);
    }

    [Fact]
    public async Task Read_UnknownOrDiscardedUpload_ThrowsNamingIt_PastTheLastRowIsEmpty()
    {
        var upload = await Store.BeginAsync("store-" + Guid.NewGuid().ToString("N")[..8], Ct);
        await Store.AppendAsync(upload, Chunk(0, 0, 5), Ct);
        await Store.SealAsync(upload, Ct);

        var past = await ReadAllAsync(upload, 5);
        await Store.DiscardAsync(upload, Ct);
        var discarded = await Assert.ThrowsAsync<InvalidOperationException>(() => ReadAllAsync(upload, 0));
        var unknown = Guid.NewGuid();
        var never = await Assert.ThrowsAsync<InvalidOperationException>(() => ReadAllAsync(unknown, 0));

        Assert.Empty(past);
        Assert.Contains(upload.ToString(), discarded.Message, StringComparison.Ordinal);
        Assert.Contains(unknown.ToString(), never.Message, StringComparison.Ordinal);
    }

    private async Task<List<DatasetChunk>> ReadAllAsync(Guid upload, long fromRow)
    {
        var chunks = new List<DatasetChunk>();
        await foreach (var chunk in Store.ReadAsync(upload, fromRow, Ct))
        {
            chunks.Add(chunk);
        }

        return chunks;
    }

    [Fact]
    public async Task Discard_StagedUpload_LeavesNoRowAndNoChunk()
    {
        var dataset = "store-" + Guid.NewGuid().ToString("N")[..8];
        var upload = await Store.BeginAsync(dataset, Ct);
        await Store.AppendAsync(upload, Chunk(0, 0, 10), Ct);

        await Store.DiscardAsync(upload, Ct);

        Assert.Equal(new DatasetStorageUsage(0, 0, 0), await Store.UsageAsync(dataset, Ct));
        Assert.Equal(0L, await CountAsync("SELECT count(*) FROM ppipe_dataset_chunk WHERE upload_id = $1", upload));
    }

    [Fact]
    public async Task Begin_StagedUploadOlderThanStaleAfter_IsSweptButSealedAndFreshOnesStay()
    {
        var dataset = "store-" + Guid.NewGuid().ToString("N")[..8];
        var abandoned = await Store.BeginAsync(dataset, Ct);
        await Store.AppendAsync(abandoned, Chunk(0, 0, 10), Ct);
        var kept = await Store.BeginAsync(dataset, Ct);
        await Store.SealAsync(kept, Ct);
        await using (var age = database.DataSource.CreateCommand(
            "UPDATE ppipe_dataset_upload SET started_at = now() - interval '7 hours' WHERE upload_id = ANY($1)"))
        {
            age.Parameters.Add(new NpgsqlParameter { Value = new[] { abandoned, kept } });
            await age.ExecuteNonQueryAsync(Ct);
        }

        var fresh = await Store.BeginAsync(dataset, Ct);

        Assert.Equal(new DatasetStorageUsage(2, 1, 0), await Store.UsageAsync(dataset, Ct));
        Assert.Equal(0L, await CountAsync("SELECT count(*) FROM ppipe_dataset_upload WHERE upload_id = $1", abandoned));
        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM ppipe_dataset_upload WHERE upload_id = $1", fresh));
    }

    private async Task<long> CountAsync(string sql, Guid upload)
    {
        await using var command = database.DataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = upload });
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }
}
