using System.Text;
using PPipe.Grains.Client.Datasets;
using PPipe.Grains.Interfaces.Datasets;
using PPipe.Hosting.Datasets;
using PPipe.TestSupport;

namespace PPipe.Frontend.Tests.Datasets;

/// <summary>One pass over an uploaded CSV: the profile of real data, and every kind of bad file refused with its row and column, nothing kept.</summary>
public sealed class DatasetIngestTests
{
    private const string Dataset = "ingest";
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private readonly MemoryDatasetStore _store = new(TimeProvider.System);

    private async Task<IngestResult> IngestAsync(string csv, long maxBytes = 1 << 20) =>
        await new DatasetIngest(_store).IngestAsync(Dataset, DatasetFormat.Csv, new MemoryStream(Encoding.UTF8.GetBytes(csv)), maxBytes, Ct);

    private async Task<IngestResult> IngestAsync(byte[] bytes) =>
        await new DatasetIngest(_store).IngestAsync(Dataset, DatasetFormat.Csv, new MemoryStream(bytes), 1 << 20, Ct);

    [Fact]
    public async Task Ingest_Iris_ProfilesEveryColumnAndStoresAllRows()
    {
        var result = await IngestAsync(PublicDatasets.Iris());

        var profile = result.Profile!;
        Assert.Null(result.Problem);
        Assert.Equal(150, profile.Rows);
        Assert.Equal(["sepal_length", "sepal_width", "petal_length", "petal_width", "species"], profile.Columns.Select(c => c.Name));
        Assert.All(profile.Columns.Take(4), c => Assert.Equal(ColumnType.Number, c.Type));
        var species = profile.Columns[4];
        Assert.Equal(ColumnType.Integer, species.Type);
        Assert.Equal((3, true, "0", "2"), (species.Distinct, species.DistinctExact, species.Min, species.Max));
        var petalLength = profile.Columns[2];
        Assert.Equal(("1", "6.9", 0L), (petalLength.Min, petalLength.Max, petalLength.Missing));
        Assert.Equal(new DatasetStorageUsage(1, 1, Encoding.UTF8.GetByteCount(PublicDatasets.Iris()) - PublicDatasets.IrisHeader.Length - 1),
            await _store.UsageAsync(Dataset, Ct));
    }

    [Fact]
    public async Task Ingest_StoredRows_ReadBackAsUploadedFromAnyRow()
    {
        var result = await IngestAsync(PublicDatasets.Iris());

        var chunks = new List<DatasetChunk>();
        await foreach (var chunk in _store.ReadAsync(result.Upload!.Value, 149, Ct))
        {
            chunks.Add(chunk);
        }

        var text = Encoding.UTF8.GetString(chunks.Single().Data.Span);
        Assert.Equal(PublicDatasets.Iris()[(PublicDatasets.IrisHeader.Length + 1)..], text);
    }

    [Fact]
    public async Task Ingest_IrisAsScikitLearnShipsIt_RefusesTheNumericFirstLineAsNoHeader()
    {
        var result = await IngestAsync(PublicDatasets.IrisAsShipped());

        Assert.Equal((0L, "150"), (result.Problem!.Row, result.Problem.Column));
        Assert.Contains("150,4,setosa,versicolor,virginica", result.Problem.Message);
        Assert.Contains("must name the columns", result.Problem.Message);
        Assert.Equal(new DatasetStorageUsage(0, 0, 0), await _store.UsageAsync(Dataset, Ct));
    }

    [Fact]
    public async Task Ingest_RaggedRow_NamesTheRowAndFirstMissingColumnAndKeepsNothing()
    {
        var csv = PublicDatasets.Iris().Replace("\n6.3,3.3,6.0,2.5,2\n", "\n6.3,3.3,6.0\n", StringComparison.Ordinal);

        var result = await IngestAsync(csv);

        Assert.Equal((DatasetFileProblemKind.Invalid, 101L, "petal_width"), (result.Problem!.Kind, result.Problem.Row, result.Problem.Column));
        Assert.Contains("Row 101 has 3 values", result.Problem.Message);
        Assert.Equal(new DatasetStorageUsage(0, 0, 0), await _store.UsageAsync(Dataset, Ct));
    }

    [Fact]
    public async Task Ingest_RowWithAnExtraValue_NamesTheRow()
    {
        var result = await IngestAsync("a,b\n1,2\n3,4,5\n");

        Assert.Equal((2L, "#3"), (result.Problem!.Row, result.Problem.Column));
    }

    [Fact]
    public async Task Ingest_TextInANumberColumn_RefusedAsMixedNamingRowAndColumn()
    {
        var csv = PublicDatasets.Iris().Replace("\n5.0,3.6,1.4,0.2,0\n", "\n5.0,three,1.4,0.2,0\n", StringComparison.Ordinal);

        var result = await IngestAsync(csv);

        Assert.Equal((5L, "sepal_width"), (result.Problem!.Row, result.Problem.Column));
        Assert.Contains("'three'", result.Problem.Message);
        Assert.Equal(new DatasetStorageUsage(0, 0, 0), await _store.UsageAsync(Dataset, Ct));
    }

    [Fact]
    public async Task Ingest_MissingMarkers_CountAsMissingNotAsMixedTypes()
    {
        var result = await IngestAsync("x,y\n1.5,a\n,b\nNA,a\n2.5,b\n");

        var x = result.Profile!.Columns[0];
        Assert.Equal((ColumnType.Number, 2L, 2L), (x.Type, x.Missing, x.Distinct));
    }

    [Fact]
    public async Task Ingest_TypesOfColumns_AreInferredFromAllValues()
    {
        var rows = string.Concat(Enumerable.Range(1, 40).Select(i =>
            $"{i},{(i % 2 == 0 ? "true" : "false")},2024-03-{1 + i % 28:00}T08:00:00Z,{(i % 3 == 0 ? "north" : "south")},name {i}\n"));

        var result = await IngestAsync("id,flag,at,region,label\n" + rows);

        Assert.Equal([ColumnType.Integer, ColumnType.Boolean, ColumnType.Timestamp, ColumnType.Category, ColumnType.Text],
            result.Profile!.Columns.Select(c => c.Type));
        Assert.Equal(("2024-03-01T08:00:00Z", "2024-03-28T08:00:00Z"), (result.Profile.Columns[2].Min, result.Profile.Columns[2].Max));
    }

    [Fact]
    public async Task Ingest_HeaderOnly_RefusedAsNoRows()
    {
        var result = await IngestAsync("a,b\n");

        Assert.Equal(0, result.Problem!.Row);
        Assert.Contains("no rows", result.Problem.Message);
    }

    [Fact]
    public async Task Ingest_EmptyFile_RefusedAsNoHeader()
    {
        var result = await IngestAsync("");

        Assert.Contains("empty", result.Problem!.Message);
    }

    [Fact]
    public async Task Ingest_Latin1Bytes_RefusedAsNotUtf8()
    {
        var bytes = Encoding.Latin1.GetBytes("city,price\nZürich,12\nMünchen,13\n");

        var result = await IngestAsync(bytes);

        Assert.Contains("not UTF-8", result.Problem!.Message);
        Assert.Equal(new DatasetStorageUsage(0, 0, 0), await _store.UsageAsync(Dataset, Ct));
    }

    [Fact]
    public async Task Ingest_UnclosedQuote_RefusedAsMalformed()
    {
        var result = await IngestAsync("a,b\n1,\"two\n3,4\n");

        Assert.Equal(DatasetFileProblemKind.Invalid, result.Problem!.Kind);
        Assert.Contains("not well-formed CSV", result.Problem.Message);
    }

    [Fact]
    public async Task Ingest_OverTheLimit_RefusedAsTooLargeAndKeepsNothing()
    {
        var result = await IngestAsync(PublicDatasets.Iris(), maxBytes: 1_000);

        Assert.Equal(DatasetFileProblemKind.TooLarge, result.Problem!.Kind);
        Assert.Equal(new DatasetStorageUsage(0, 0, 0), await _store.UsageAsync(Dataset, Ct));
    }

    [Fact]
    public async Task Ingest_StoreFailsAfterAChunkWasStaged_ThrowsTheStoresErrorAndKeepsNothing()
    {
        var store = new StoreFailingOnAppend(_store, failingAppend: 2);
        var csv = "id\n" + string.Concat(Enumerable.Range(0, DatasetLimits.ChunkRows + 5).Select(i => $"{i}\n"));

        var failure = await Assert.ThrowsAsync<TimeoutException>(() =>
            new DatasetIngest(store).IngestAsync(Dataset, DatasetFormat.Csv, new MemoryStream(Encoding.UTF8.GetBytes(csv)), 1 << 20, Ct));

        Assert.Equal(StoreFailingOnAppend.Message, failure.Message);
        Assert.Equal(new DatasetStorageUsage(0, 0, 0), await _store.UsageAsync(Dataset, Ct));
    }

    [Fact]
    public async Task Ingest_DuplicateHeaderName_NamesTheColumn()
    {
        var result = await IngestAsync("a,b,a\n1,2,3\n");

        Assert.Equal((0L, "a"), (result.Problem!.Row, result.Problem.Column));
    }

    [Fact]
    public async Task Ingest_ManyRows_StoresChunksOfBoundedRowsWithTheirFirstRow()
    {
        var rows = DatasetLimits.ChunkRows * 2 + 5;
        var csv = "id,value\n" + string.Concat(Enumerable.Range(0, rows).Select(i => $"{i},{i * 0.5}\n"));

        var result = await IngestAsync(csv, maxBytes: 10 << 20);

        var chunks = new List<DatasetChunk>();
        await foreach (var chunk in _store.ReadAsync(result.Upload!.Value, DatasetLimits.ChunkRows + 1, Ct))
        {
            chunks.Add(chunk);
        }

        Assert.Equal([(DatasetLimits.ChunkRows, DatasetLimits.ChunkRows), (DatasetLimits.ChunkRows * 2, 5)],
            chunks.Select(c => ((int)c.FirstRow, c.Rows)));
        var id = result.Profile!.Columns[0];
        Assert.Equal((false, (long?)null), (id.DistinctExact, id.FirstDuplicateRow));
        Assert.InRange(id.Distinct, rows * 0.98, rows * 1.02);
    }

    [Fact]
    public async Task Ingest_ManyDistinctValues_EstimatesWithinTwoPercent()
    {
        const int rows = 100_000;
        var csv = "key\n" + string.Concat(Enumerable.Range(0, rows).Select(i => $"k{i}\n"));

        var result = await IngestAsync(csv, maxBytes: 10 << 20);

        var key = result.Profile!.Columns[0];
        Assert.False(key.DistinctExact);
        Assert.InRange(key.Distinct, rows * 0.98, rows * 1.02);
    }

    [Fact]
    public async Task Rows_RangeAcrossChunksWithQuotedLineBreaks_ReturnsExactlyThoseRows()
    {
        var rows = DatasetLimits.ChunkRows + 10;
        var csv = "id,note\n" + string.Concat(Enumerable.Range(0, rows).Select(i => i % 3 == 0 ? $"{i},\"line one\nline two\"\n" : $"{i},plain\n"));
        var upload = (await IngestAsync(csv, maxBytes: 10 << 20)).Upload!.Value;
        using var output = new MemoryStream();

        await DatasetRows.WriteAsync(_store, upload, DatasetLimits.ChunkRows - 2, 4, output, Ct);

        var first = DatasetLimits.ChunkRows - 2;
        var expected = string.Concat(Enumerable.Range(first, 4).Select(i => i % 3 == 0 ? $"{i},\"line one\nline two\"\n" : $"{i},plain\n"));
        Assert.Equal(expected, Encoding.UTF8.GetString(output.ToArray()));
    }
}
