using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PPipe.Api.Tests.Infrastructure;
using PPipe.Grains.Client.Datasets;
using PPipe.Grains.Interfaces.Datasets;
using PPipe.TestSupport;

namespace PPipe.Api.Tests.Datasets;

/// <summary>An instructor's script uploading datasets over real HTTP: profiles, versions, roles, and every refused upload leaving nothing behind.</summary>
[Collection(ApiCollection.Name)]
public sealed class DatasetApiTests(ApiPlatform platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string NewId() => "iris-" + Guid.NewGuid().ToString("N")[..10];

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    private async Task<HttpResponseMessage> UploadAsync(string id, HttpContent content)
    {
        using var admin = platform.Admin();
        return await admin.PostAsync($"/api/v1/admin/datasets?id={id}", content, Ct);
    }

    private Task<DatasetStorageUsage> UsageAsync(string id) =>
        platform.Services.GetRequiredService<IDatasetStore>().UsageAsync(id, Ct);

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

    [Fact]
    public async Task Upload_Iris_201WithTheProfileOfEveryColumn()
    {
        var id = NewId();

        var response = await UploadAsync(id, Csv(PublicDatasets.Iris()));
        var body = await JsonAsync(response);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/api/v1/admin/datasets/{id}/versions/1", response.Headers.Location?.OriginalString);
        Assert.Equal((1, 150), (body.GetProperty("version").GetInt32(), body.GetProperty("rows").GetInt32()));
        var columns = body.GetProperty("columns").EnumerateArray().ToList();
        Assert.Equal(["number", "number", "number", "number", "integer"], columns.Select(c => c.GetProperty("type").GetString()));
        var species = columns[4];
        Assert.Equal(("species", 3, "0", "2", 0.0), (species.GetProperty("name").GetString(), species.GetProperty("distinct").GetInt32(),
            species.GetProperty("min").GetString(), species.GetProperty("max").GetString(), species.GetProperty("missingShare").GetDouble()));
        Assert.Equal(JsonValueKind.Null, body.GetProperty("roles").ValueKind);
    }

    [Fact]
    public async Task Upload_SameIdTwice_IsTheNextVersionAndBothStayReadable()
    {
        var id = NewId();
        await UploadAsync(id, Csv(PublicDatasets.Iris()));
        var fewer = string.Join('\n', PublicDatasets.Iris().Split('\n').Take(51)) + "\n";

        var second = await JsonAsync(await UploadAsync(id, Csv(fewer)));
        using var admin = platform.Admin();
        var versions = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/datasets/{id}", Ct);
        var first = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/datasets/{id}/versions/1", Ct);
        var list = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/datasets?pageSize=100", Ct);

        Assert.Equal((2, 50), (second.GetProperty("version").GetInt32(), second.GetProperty("rows").GetInt32()));
        Assert.Equal([150, 50], versions.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("rows").GetInt32()));
        Assert.Equal(150, first.GetProperty("rows").GetInt32());
        Assert.Contains(list.GetProperty("datasets").EnumerateArray(),
            d => d.GetProperty("id").GetString() == id && d.GetProperty("latestVersion").GetInt32() == 2);
    }

    [Fact]
    public async Task Download_UploadedVersion_ReturnsTheHeaderAndEveryRow()
    {
        var id = NewId();
        await UploadAsync(id, Csv(PublicDatasets.Iris()));
        using var admin = platform.Admin();

        var csv = await admin.GetStringAsync($"/api/v1/admin/datasets/{id}/versions/1/rows.csv", Ct);

        Assert.Equal(PublicDatasets.Iris(), csv);
    }

    [Fact]
    public async Task Download_RowRange_ReturnsTheHeaderAndOnlyThoseRows()
    {
        var id = NewId();
        await UploadAsync(id, Csv(PublicDatasets.Iris()));
        using var admin = platform.Admin();

        var csv = await admin.GetStringAsync($"/api/v1/admin/datasets/{id}/versions/1/rows.csv?from=101&count=2", Ct);

        var lines = PublicDatasets.Iris().Split('\n');
        Assert.Equal(string.Join('\n', lines[0], lines[101], lines[102]) + "\n", csv);
    }

    [Fact]
    public async Task Download_RangeRunningPastTheLastRow_ReturnsTheRowsThereAre()
    {
        var id = NewId();
        await UploadAsync(id, Csv(PublicDatasets.Iris()));
        using var admin = platform.Admin();

        var csv = await admin.GetStringAsync($"/api/v1/admin/datasets/{id}/versions/1/rows.csv?from=149&count=10", Ct);

        var lines = PublicDatasets.Iris().Split('\n');
        Assert.Equal(string.Join('\n', lines[0], lines[149], lines[150]) + "\n", csv);
    }

    [Fact]
    public async Task Download_FromBeyondTheLastRow_ReturnsTheHeaderOnly()
    {
        var id = NewId();
        await UploadAsync(id, Csv(PublicDatasets.Iris()));
        using var admin = platform.Admin();

        var response = await admin.GetAsync($"/api/v1/admin/datasets/{id}/versions/1/rows.csv?from=151&count=5", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(PublicDatasets.IrisHeader + "\n", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Download_UnknownVersion_404()
    {
        var id = NewId();
        await UploadAsync(id, Csv(PublicDatasets.Iris()));
        using var admin = platform.Admin();

        var response = await admin.GetAsync($"/api/v1/admin/datasets/{id}/versions/2/rows.csv", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Download_FromRowZero_422NamesFrom()
    {
        var id = NewId();
        await UploadAsync(id, Csv(PublicDatasets.Iris()));
        using var admin = platform.Admin();

        var response = await admin.GetAsync($"/api/v1/admin/datasets/{id}/versions/1/rows.csv?from=0", Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.True((await JsonAsync(response)).GetProperty("errors").TryGetProperty("from", out _));
    }

    [Fact]
    public async Task ConfirmRoles_SpeciesAsTarget_200AndTheVersionShowsThem()
    {
        var id = NewId();
        await UploadAsync(id, Csv(PublicDatasets.Iris()));
        using var admin = platform.Admin();

        var response = await admin.PutAsJsonAsync($"/api/v1/admin/datasets/{id}/versions/1/roles", new { target = "species" }, Ct);
        var versions = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/datasets/{id}", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("species", (await JsonAsync(response)).GetProperty("roles").GetProperty("target").GetString());
        Assert.True(versions.GetProperty("versions")[0].GetProperty("rolesConfirmed").GetBoolean());
    }

    [Fact]
    public async Task ConfirmRoles_TargetOfOneValueIdWithDuplicatesTimeThatIsNoTime_422NamesEachFieldAndColumn()
    {
        var id = NewId();
        var lines = PublicDatasets.Iris().TrimEnd('\n').Split('\n');
        var withSource = string.Join('\n', lines.Select((l, i) => l + (i == 0 ? ",source" : ",fisher"))) + "\n";
        await UploadAsync(id, Csv(withSource));
        using var admin = platform.Admin();

        var response = await admin.PutAsJsonAsync($"/api/v1/admin/datasets/{id}/versions/1/roles",
            new { target = "source", idColumn = "sepal_length", timeColumn = "petal_width" }, Ct);
        var errors = (await JsonAsync(response)).GetProperty("errors");
        var version = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/datasets/{id}/versions/1", Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("'source' has a single value", errors.GetProperty("target")[0].GetString());
        Assert.Contains("'sepal_length' has duplicates", errors.GetProperty("idColumn")[0].GetString());
        Assert.Contains("'petal_width' does not parse as times (row 1: '0.2')", errors.GetProperty("timeColumn")[0].GetString());
        Assert.Equal(JsonValueKind.Null, version.GetProperty("roles").ValueKind);
    }

    [Fact]
    public async Task ConfirmRoles_UnknownColumn_422ListsTheColumns()
    {
        var id = NewId();
        await UploadAsync(id, Csv(PublicDatasets.Iris()));
        using var admin = platform.Admin();

        var response = await admin.PutAsJsonAsync($"/api/v1/admin/datasets/{id}/versions/1/roles", new { target = "label" }, Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("no column 'label'", (await JsonAsync(response)).GetProperty("errors").GetProperty("target")[0].GetString());
    }

    [Fact]
    public async Task ConfirmRoles_UnknownVersion_404AndNoVersionCreated()
    {
        var id = NewId();
        await UploadAsync(id, Csv(PublicDatasets.Iris()));
        using var admin = platform.Admin();

        var response = await admin.PutAsJsonAsync($"/api/v1/admin/datasets/{id}/versions/2/roles", new { target = "species" }, Ct);
        var versions = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/datasets/{id}", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(1, versions.GetProperty("versions").GetArrayLength());
    }

    [Fact]
    public async Task Upload_DatasetAtItsVersionLimit_409AndNothingStaged()
    {
        var id = NewId();
        var dataset = platform.Services.GetRequiredService<IGrainFactory>().GetGrain<IDatasetGrain>(id);
        var profile = new DatasetProfile(1, 4, [new ColumnProfile("a", ColumnType.Integer, 0, 1, true, "1", "1", null, 1, "1")]);
        for (var i = 0; i < IDatasetGrain.MaxVersions; i++)
        {
            await dataset.PublishAsync(Guid.NewGuid(), profile, DateTimeOffset.UnixEpoch);
        }

        var response = await UploadAsync(id, Csv(PublicDatasets.Iris()));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("Upload under a new id", (await JsonAsync(response)).GetProperty("detail").GetString());
        Assert.Equal(IDatasetGrain.MaxVersions, (await dataset.VersionsAsync()).Length);
        Assert.Equal(new DatasetStorageUsage(0, 0, 0), await UsageAsync(id));
    }

    [Fact]
    public async Task Upload_RaggedRow_422NamesRowAndColumnAndStoresNothing()
    {
        var id = NewId();
        var ragged = PublicDatasets.Iris().Replace("\n6.3,3.3,6.0,2.5,2\n", "\n6.3,3.3,6.0\n", StringComparison.Ordinal);

        var response = await UploadAsync(id, Csv(ragged));
        var error = (await JsonAsync(response)).GetProperty("errors")[0];
        using var admin = platform.Admin();
        var dataset = await admin.GetAsync($"/api/v1/admin/datasets/{id}", Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((101, "petal_width"), (error.GetProperty("row").GetInt32(), error.GetProperty("column").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, dataset.StatusCode);
        Assert.Equal(new DatasetStorageUsage(0, 0, 0), await UsageAsync(id));
    }

    [Fact]
    public async Task Upload_IrisAsScikitLearnShipsIt_422NamesTheHeaderRow()
    {
        var id = NewId();

        var response = await UploadAsync(id, Csv(PublicDatasets.IrisAsShipped()));
        var error = (await JsonAsync(response)).GetProperty("errors")[0];

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal((0, "150"), (error.GetProperty("row").GetInt32(), error.GetProperty("column").GetString()));
    }

    [Fact]
    public async Task Upload_ChunkedBodyOverTheLimit_413AndStoresNothing()
    {
        var id = NewId();
        var rows = PublicDatasets.Iris().Split('\n', 2)[1];
        var big = PublicDatasets.IrisHeader + "\n" + string.Concat(Enumerable.Repeat(rows, (int)(ApiPlatform.MaxDatasetBytes / rows.Length) + 2));
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big)));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var admin = platform.Admin();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/admin/datasets?id={id}") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await admin.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("Datasets:MaxUploadBytes", (await JsonAsync(response)).GetProperty("detail").GetString());
        Assert.Equal(new DatasetStorageUsage(0, 0, 0), await UsageAsync(id));
    }

    [Fact]
    public async Task Upload_ContentLengthOverTheLimit_413BeforeReading()
    {
        var response = await UploadAsync(NewId(), Csv(new string('x', (int)ApiPlatform.MaxDatasetBytes + 1)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Upload_OtherContentType_415NamesCsvAndParquet()
    {
        var content = new StringContent("{}", Encoding.UTF8, "application/json");

        var response = await UploadAsync(NewId(), content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        var detail = (await JsonAsync(response)).GetProperty("detail").GetString();
        Assert.Contains("text/csv", detail);
        Assert.Contains("application/vnd.apache.parquet", detail);
    }

    [Fact]
    public async Task Upload_IrisAsParquet_201WithTheCsvsProfileAndDownloadsAsTheCsv()
    {
        var csvId = NewId();
        var parquetId = NewId();
        await UploadAsync(csvId, Csv(PublicDatasets.Iris()));
        using var admin = platform.Admin();
        var fromCsv = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/datasets/{csvId}/versions/1", Ct);

        var response = await UploadAsync(parquetId, Parquet(await ParquetFiles.IrisAsync()));
        var body = await JsonAsync(response);
        var rows = await admin.GetStringAsync($"/api/v1/admin/datasets/{parquetId}/versions/1/rows.csv", Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(150, body.GetProperty("rows").GetInt32());
        Assert.Equal(fromCsv.GetProperty("columns").GetRawText(), body.GetProperty("columns").GetRawText());
        Assert.Equal(PublicDatasets.Iris(), rows);
    }

    [Fact]
    public async Task Upload_CsvSentAsParquet_422NotAParquetFileAndStoresNothing()
    {
        var id = NewId();

        var response = await UploadAsync(id, Parquet(Encoding.UTF8.GetBytes(PublicDatasets.Iris())));

        await AssertRefusedAsync(id, response, HttpStatusCode.UnprocessableEntity, "not a Parquet file");
    }

    [Fact]
    public async Task Upload_TruncatedParquet_422CutOffAndStoresNothing()
    {
        var id = NewId();
        var parquet = await ParquetFiles.IrisAsync();

        var response = await UploadAsync(id, Parquet(parquet[..(parquet.Length - 100)]));

        await AssertRefusedAsync(id, response, HttpStatusCode.UnprocessableEntity, "cut off");
    }

    [Fact]
    public async Task Upload_ParquetWithAListColumn_422NamesTheColumnAndStoresNothing()
    {
        var id = NewId();
        var parquet = await ParquetFiles.OfAsync(Enumerable.Range(1, 3).Select(i => new TaggedRow { Id = i, Tags = ["a"] }));

        var response = await UploadAsync(id, Parquet(parquet));

        var error = await AssertRefusedAsync(id, response, HttpStatusCode.UnprocessableEntity, "Column 'Tags' is a list");
        Assert.Equal((0, "Tags"), (error.GetProperty("row").GetInt32(), error.GetProperty("column").GetString()));
    }

    [Fact]
    public async Task Upload_ParquetWithoutRows_422NoRowsAndStoresNothing()
    {
        var id = NewId();

        var response = await UploadAsync(id, Parquet(await ParquetFiles.OfAsync(Array.Empty<TaggedRow>().Select(r => new { r.Id }))));

        await AssertRefusedAsync(id, response, HttpStatusCode.UnprocessableEntity, "no rows");
    }

    [Fact]
    public async Task Upload_ChunkedParquetOverTheLimit_413AndStoresNothing()
    {
        var id = NewId();
        var big = new byte[ApiPlatform.MaxDatasetBytes + 1];
        (await ParquetFiles.IrisAsync()).CopyTo(big, 0);
        var content = new StreamContent(new MemoryStream(big));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.apache.parquet");
        using var admin = platform.Admin();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/admin/datasets?id={id}") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await admin.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(new DatasetStorageUsage(0, 0, 0), await UsageAsync(id));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/admin/datasets/{id}", Ct)).StatusCode);
    }

    private static ByteArrayContent Parquet(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.apache.parquet");
        return content;
    }

    /// <summary>A refused upload: a problem whose one error says <paramref name="message"/>, no dataset, no staged or stored bytes.</summary>
    private async Task<JsonElement> AssertRefusedAsync(string id, HttpResponseMessage response, HttpStatusCode status, string message)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var error = (await JsonAsync(response)).GetProperty("errors")[0];
        Assert.Contains(message, error.GetProperty("message").GetString());
        using var admin = platform.Admin();
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/admin/datasets/{id}", Ct)).StatusCode);
        Assert.Equal(new DatasetStorageUsage(0, 0, 0), await UsageAsync(id));
        return error;
    }

    public sealed class TaggedRow
    {
        public int Id { get; set; }
        public List<string> Tags { get; set; } = [];
    }

    [Theory]
    [InlineData("")]
    [InlineData("Iris")]
    [InlineData("1iris")]
    public async Task Upload_BadId_422NamesId(string id)
    {
        var response = await UploadAsync(id, Csv(PublicDatasets.Iris()));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.True((await JsonAsync(response)).GetProperty("errors").TryGetProperty("id", out _));
    }

    [Fact]
    public async Task GetVersion_Unknown_404Problem()
    {
        using var admin = platform.Admin();

        var response = await admin.GetAsync($"/api/v1/admin/datasets/{NewId()}/versions/1", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Upload_ClientDisconnectsMidBody_NoVersionAndNoStagedBytes()
    {
        var id = NewId();
        var iris = Encoding.UTF8.GetBytes(PublicDatasets.Iris());
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(platform.BaseAddress.Host, platform.BaseAddress.Port, Ct);
        var stream = tcp.GetStream();
        var head = $"POST /api/v1/admin/datasets?id={id} HTTP/1.1\r\nHost: {platform.BaseAddress.Authority}\r\n" +
            $"Authorization: Bearer {ApiPlatform.AdminKey}\r\nContent-Type: text/csv\r\nContent-Length: {iris.Length * 10}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), Ct);
        await stream.WriteAsync(iris, Ct);
        await stream.FlushAsync(Ct);
        await Eventually.HoldsAsync(() => UsageAsync(id).Result.Uploads == 1, "the upload to be staged", cancellationToken: Ct);

        tcp.Client.Shutdown(SocketShutdown.Both);
        tcp.Close();

        await Eventually.HoldsAsync(() => UsageAsync(id).Result == new DatasetStorageUsage(0, 0, 0), "the staged upload to be discarded",
            cancellationToken: Ct);
        using var admin = platform.Admin();
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/admin/datasets/{id}", Ct)).StatusCode);
    }
}
