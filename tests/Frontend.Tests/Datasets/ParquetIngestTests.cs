using System.Text;
using PPipe.Grains.Client.Datasets;
using PPipe.Grains.Interfaces.Datasets;
using PPipe.Hosting.Datasets;
using PPipe.TestSupport;

namespace PPipe.Frontend.Tests.Datasets;

/// <summary>A Parquet upload read into the same profile and stored rows as the CSV of the same table; its schema's types kept; bad files refused, nothing kept.</summary>
public sealed class ParquetIngestTests
{
    private const string Dataset = "parquet";
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private readonly MemoryDatasetStore _store = new(TimeProvider.System);

    private async Task<IngestResult> IngestAsync(byte[] parquet, long maxBytes = 1 << 20) =>
        await new DatasetIngest(_store).IngestAsync(Dataset, DatasetFormat.Parquet, new MemoryStream(parquet), maxBytes, Ct);

    private async Task<string> StoredRowsAsync(Guid upload)
    {
        var text = new StringBuilder();
        await foreach (var chunk in _store.ReadAsync(upload, 0, Ct))
        {
            text.Append(Encoding.UTF8.GetString(chunk.Data.Span));
        }

        return text.ToString();
    }

    [Fact]
    public async Task Ingest_IrisAsParquetAcrossRowGroups_SameProfileAndStoredRowsAsTheCsv()
    {
        var parquet = await ParquetFiles.IrisAsync(rowGroupRows: 64);
        var csv = await new DatasetIngest(_store).IngestAsync("csv", DatasetFormat.Csv, new MemoryStream(Encoding.UTF8.GetBytes(PublicDatasets.Iris())), 1 << 20, Ct);

        var result = await IngestAsync(parquet);

        Assert.Null(result.Problem);
        Assert.Equal(csv.Profile!.Columns, result.Profile!.Columns);
        Assert.Equal((150L, (long)parquet.Length), (result.Profile.Rows, result.Profile.Bytes));
        Assert.Equal(await StoredRowsAsync(csv.Upload!.Value), await StoredRowsAsync(result.Upload!.Value));
        Assert.Equal(PublicDatasets.Iris()[(PublicDatasets.IrisHeader.Length + 1)..], await StoredRowsAsync(result.Upload.Value));
    }

    [Fact]
    public async Task Ingest_ParquetTypes_TakeTheSchemasTypeWithNullsMissing()
    {
        var start = new DateTime(2024, 3, 1, 8, 0, 0, DateTimeKind.Utc);
        var rows = Enumerable.Range(1, 40).Select(i => new TypedRow
        {
            Count = i == 7 ? null : i,
            Price = i * 0.5,
            Whole = 2.0,
            Amount = i + 0.25m,
            Flag = i % 2 == 0,
            At = start.AddDays(i % 28),
            Region = i % 3 == 0 ? "north" : "south",
            Zip = $"{i:000}",
        });

        var result = await IngestAsync(await ParquetFiles.OfAsync(rows));

        var columns = result.Profile!.Columns;
        Assert.Null(result.Problem);
        Assert.Equal(["Count", "Price", "Whole", "Amount", "Flag", "At", "Region", "Zip"], columns.Select(c => c.Name));
        Assert.Equal([ColumnType.Integer, ColumnType.Number, ColumnType.Number, ColumnType.Number, ColumnType.Boolean, ColumnType.Timestamp,
            ColumnType.Category, ColumnType.Text], columns.Select(c => c.Type));
        Assert.Equal((1L, 39L, "1", "40"), (columns[0].Missing, columns[0].Distinct, columns[0].Min, columns[0].Max));
        Assert.Equal(("2", "2"), (columns[2].Min, columns[2].Max));
        Assert.Equal(("2024-03-01T08:00:00Z", "2024-03-28T08:00:00Z"), (columns[5].Min, columns[5].Max));
        var firstRow = (await StoredRowsAsync(result.Upload!.Value)).Split('\n')[0];
        Assert.Equal("1,0.5,2.0,1.25,false,2024-03-02T08:00:00Z,south,001", firstRow);
    }

    [Fact]
    public async Task Ingest_ParquetListColumn_RefusedNamingTheColumnAndKeepsNothing()
    {
        var rows = Enumerable.Range(1, 3).Select(i => new NestedRow { Id = i, Tags = ["a", "b"] });

        var result = await IngestAsync(await ParquetFiles.OfAsync(rows));

        Assert.Equal((DatasetFileProblemKind.Invalid, 0L, "Tags"), (result.Problem!.Kind, result.Problem.Row, result.Problem.Column));
        Assert.Contains("Column 'Tags' is a list", result.Problem.Message, StringComparison.Ordinal);
        Assert.Equal(new DatasetStorageUsage(0, 0, 0), await _store.UsageAsync(Dataset, Ct));
    }

    [Fact]
    public async Task Ingest_ParquetWithoutRows_RefusedAsNoRows()
    {
        var result = await IngestAsync(await ParquetFiles.OfAsync(Array.Empty<TypedRow>()));

        Assert.Equal(0L, result.Problem!.Row);
        Assert.Contains("no rows", result.Problem.Message, StringComparison.Ordinal);
        Assert.Equal(new DatasetStorageUsage(0, 0, 0), await _store.UsageAsync(Dataset, Ct));
    }

    [Fact]
    public async Task Ingest_CsvSentAsParquet_RefusedAsNotParquet()
    {
        var result = await IngestAsync(Encoding.UTF8.GetBytes(PublicDatasets.Iris()));

        Assert.Contains("not a Parquet file", result.Problem!.Message, StringComparison.Ordinal);
        Assert.Equal(new DatasetStorageUsage(0, 0, 0), await _store.UsageAsync(Dataset, Ct));
    }

    [Fact]
    public async Task Ingest_TruncatedParquet_RefusedAsCutOff()
    {
        var parquet = await ParquetFiles.IrisAsync();

        var result = await IngestAsync(parquet[..(parquet.Length / 2)]);

        Assert.Contains($"cut off after {parquet.Length / 2:N0} bytes", result.Problem!.Message, StringComparison.Ordinal);
        Assert.Equal(new DatasetStorageUsage(0, 0, 0), await _store.UsageAsync(Dataset, Ct));
    }

    [Fact]
    public async Task Ingest_ParquetWithADamagedFooter_RefusedAsDamagedAndKeepsNothing()
    {
        var parquet = await ParquetFiles.IrisAsync();
        parquet.AsSpan(parquet.Length - 8 - 40, 40).Fill(0xFF);

        var result = await IngestAsync(parquet);

        Assert.Equal((DatasetFileProblemKind.Invalid, 0L), (result.Problem!.Kind, result.Problem.Row));
        Assert.Contains("The Parquet file is damaged: reading its footer failed", result.Problem.Message, StringComparison.Ordinal);
        Assert.Equal(new DatasetStorageUsage(0, 0, 0), await _store.UsageAsync(Dataset, Ct));
    }

    [Fact]
    public async Task Ingest_ParquetOverTheLimit_RefusedAsTooLargeAndKeepsNothing()
    {
        var parquet = await ParquetFiles.IrisAsync();

        var result = await IngestAsync(parquet, maxBytes: parquet.Length - 1);

        Assert.Equal(DatasetFileProblemKind.TooLarge, result.Problem!.Kind);
        Assert.Equal(new DatasetStorageUsage(0, 0, 0), await _store.UsageAsync(Dataset, Ct));
    }

    [Fact]
    public async Task Ingest_ParquetOfManyRows_StoresChunksOfBoundedRows()
    {
        var rows = Enumerable.Range(0, DatasetLimits.ChunkRows + 5).Select(i => new NumberRow { Id = i, Value = i * 0.5 });

        var result = await IngestAsync(await ParquetFiles.OfAsync(rows), maxBytes: 10 << 20);

        var chunks = new List<DatasetChunk>();
        await foreach (var chunk in _store.ReadAsync(result.Upload!.Value, 0, Ct))
        {
            chunks.Add(chunk);
        }

        Assert.Equal([(0, DatasetLimits.ChunkRows), (DatasetLimits.ChunkRows, 5)], chunks.Select(c => ((int)c.FirstRow, c.Rows)));
    }

    public sealed class TypedRow
    {
        public int? Count { get; set; }
        public double Price { get; set; }
        public double Whole { get; set; }
        public decimal Amount { get; set; }
        public bool Flag { get; set; }
        public DateTime At { get; set; }
        public string? Region { get; set; }
        public string? Zip { get; set; }
    }

    public sealed class NestedRow
    {
        public int Id { get; set; }
        public List<string> Tags { get; set; } = [];
    }

    public sealed class NumberRow
    {
        public int Id { get; set; }
        public double Value { get; set; }
    }
}
