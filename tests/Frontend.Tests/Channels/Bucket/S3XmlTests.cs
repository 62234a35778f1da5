using System.Text;
using System.Xml.Linq;
using PPipe.Frontend.Channels.Bucket;

namespace PPipe.Frontend.Tests.Channels.Bucket;

public sealed class S3XmlTests
{
    private static readonly XNamespace S3 = "http://s3.amazonaws.com/doc/2006-03-01/";
    private static readonly DateTimeOffset Modified = new(2026, 9, 1, 8, 30, 15, 250, TimeSpan.Zero);

    [Fact]
    public async Task WriteListBucketResultAsync_Page_WritesEveryFieldInS3sNamespace()
    {
        var result = new S3ListBucketResult("bucket-x", "releases/", 2, IsTruncated: true,
        [
            new S3ObjectSummary("releases/0001.csv", Modified, "9b2cf535f27731c974343645a3985328", 1234),
            new S3ObjectSummary("releases/0002.csv", Modified.AddHours(1), "\"already-quoted\"", 99),
        ])
        {
            ContinuationToken = "token-1",
            NextContinuationToken = "token-2",
            StartAfter = "releases/0000.csv",
        };

        var xml = await WriteAsync(s => S3Xml.WriteListBucketResultAsync(s, result, Xunit.TestContext.Current.CancellationToken));

        var root = XDocument.Parse(xml).Root!;
        Assert.Equal(S3 + "ListBucketResult", root.Name);
        Assert.Equal("bucket-x", (string?)root.Element(S3 + "Name"));
        Assert.Equal("releases/", (string?)root.Element(S3 + "Prefix"));
        Assert.Equal("2", (string?)root.Element(S3 + "KeyCount"));
        Assert.Equal("2", (string?)root.Element(S3 + "MaxKeys"));
        Assert.Equal("true", (string?)root.Element(S3 + "IsTruncated"));
        Assert.Equal("token-1", (string?)root.Element(S3 + "ContinuationToken"));
        Assert.Equal("token-2", (string?)root.Element(S3 + "NextContinuationToken"));
        Assert.Equal("releases/0000.csv", (string?)root.Element(S3 + "StartAfter"));
        Assert.Null(root.Element(S3 + "EncodingType"));
        var first = root.Elements(S3 + "Contents").First();
        Assert.Equal("releases/0001.csv", (string?)first.Element(S3 + "Key"));
        Assert.Equal("2026-09-01T08:30:15.250Z", (string?)first.Element(S3 + "LastModified"));
        Assert.Equal("\"9b2cf535f27731c974343645a3985328\"", (string?)first.Element(S3 + "ETag"));
        Assert.Equal("1234", (string?)first.Element(S3 + "Size"));
        Assert.Equal("STANDARD", (string?)first.Element(S3 + "StorageClass"));
        Assert.Equal("\"already-quoted\"", (string?)root.Elements(S3 + "Contents").Last().Element(S3 + "ETag"));
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?><ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">", xml);
    }

    [Fact]
    public async Task WriteListBucketResultAsync_UrlEncoding_EncodesKeysAndPrefixesButNotSlashes()
    {
        var result = new S3ListBucketResult("bucket-x", "notes and+more/", 1000, IsTruncated: false,
            [new S3ObjectSummary("notes and+more/read me=1.txt", Modified, "e", 1)])
        {
            Delimiter = "/",
            CommonPrefixes = ["notes and+more/sub dir/"],
            EncodingType = "url",
        };

        var xml = await WriteAsync(s => S3Xml.WriteListBucketResultAsync(s, result, Xunit.TestContext.Current.CancellationToken));

        var root = XDocument.Parse(xml).Root!;
        Assert.Equal("url", (string?)root.Element(S3 + "EncodingType"));
        Assert.Equal("notes%20and%2Bmore/", (string?)root.Element(S3 + "Prefix"));
        Assert.Equal("/", (string?)root.Element(S3 + "Delimiter"));
        Assert.Equal("notes%20and%2Bmore/read%20me%3D1.txt", (string?)root.Element(S3 + "Contents")!.Element(S3 + "Key"));
        Assert.Equal("notes%20and%2Bmore/sub%20dir/", (string?)root.Element(S3 + "CommonPrefixes")!.Element(S3 + "Prefix"));
        Assert.Equal("2", (string?)root.Element(S3 + "KeyCount"));
    }

    [Fact]
    public async Task WriteErrorAsync_Error_WritesS3sErrorBodyWithoutNamespace()
    {
        var error = new S3Error("NoSuchKey", "The specified key does not exist.", "/s3/bucket-x/releases/0009.csv", "req-42");

        var xml = await WriteAsync(s => S3Xml.WriteErrorAsync(s, error, Xunit.TestContext.Current.CancellationToken));

        Assert.Equal(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message>"
            + "<Resource>/s3/bucket-x/releases/0009.csv</Resource><RequestId>req-42</RequestId></Error>",
            xml);
    }

    private static async Task<string> WriteAsync(Func<Stream, Task> write)
    {
        using var stream = new MemoryStream();
        await write(stream);
        var bytes = stream.ToArray();
        Assert.False(bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble), "no byte order mark");
        return Encoding.UTF8.GetString(bytes);
    }
}
