using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using PPipe.Frontend.Channels.Bucket;

using PPipe.Integration.Tests.Infrastructure;

namespace PPipe.Integration.Tests.Channels.Bucket;

/// <summary>
/// The real AWS CLI (Debian's awscli package, installed by scripts/test.sh) against a loopback
/// server whose <c>/s3/{**rest}</c> route verifies signatures with <see cref="S3SignatureVerifier"/>
/// and answers with <see cref="S3Xml"/>, the way the platform's bucket channel does.
/// </summary>
public sealed class AwsCliBucketTests : IAsyncLifetime
{
    private const string AccessKeyId = "AKIAPPIPETEST0000001";
    private const string Secret = "ppipe/Test+Secret=0123456789abcdefABCDEF";
    private const string Bucket = "bucket-x";
    private const string Region = "us-east-1";

    private static readonly Dictionary<string, byte[]> Objects = new()
    {
        ["releases/0001.csv"] = Encoding.UTF8.GetBytes("id,x1,x2,label\nr-1,0.5,3,yes\nr-2,1.25,7,no\n"),
        ["releases/0002.csv"] = Encoding.UTF8.GetBytes("id,x1,x2,label\nr-3,2.5,1,no\n"),
        ["notes/read me+1=ok.txt"] = Encoding.UTF8.GetBytes("keys with spaces and symbols sign too\n"),
    };

    private static readonly DateTimeOffset LastModified = new(2026, 9, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly ConcurrentQueue<Seen> _seen = new();
    private WebApplication _app = null!;
    private string _endpoint = null!;
    private DirectoryInfo _home = null!;

    public async ValueTask InitializeAsync()
    {
        _home = Directory.CreateTempSubdirectory("ppipe-aws-home-");
        Directory.CreateDirectory(Path.Combine(_home.FullName, ".aws"));

        // Content root in the temp directory: the Frontend's appsettings.json is copied beside the tests.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = _home.FullName });
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<TimeProvider>(_time);
        builder.Services.Configure<BucketOptions>(o => o.Region = Region);
        builder.Services.AddSingleton<S3SignatureVerifier>();
        _app = builder.Build();
        _app.MapMethods("/s3/{**rest}", ["GET", "HEAD"], HandleAsync);
        await _app.StartAsync(TestContext.Current.CancellationToken);
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        _endpoint = address + "/s3";
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _home.Delete(recursive: true);
    }

    [Fact]
    public async Task AwsS3Ls_ReleasesPrefix_ListsTheObjectsPathStyleUnderTheMount()
    {
        var cli = await RunAwsAsync(Secret, "s3", "ls", $"s3://{Bucket}/releases/");

        Assert.Equal(0, cli.ExitCode);
        var lines = cli.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.EndsWith($"{Objects["releases/0001.csv"].Length} 0001.csv", lines[0]);
        Assert.EndsWith($"{Objects["releases/0002.csv"].Length} 0002.csv", lines[1]);
        var list = Assert.Single(_seen);
        Assert.Equal("GET", list.Method);
        Assert.StartsWith($"/s3/{Bucket}?", list.RawTarget);
        Assert.Contains("list-type=2", list.RawTarget);
        Assert.Contains("prefix=releases%2F", list.RawTarget);
        Assert.True(list.Result.Succeeded, list.Result.Message);
        Assert.Equal(AccessKeyId, list.Result.AccessKeyId);
    }

    [Fact]
    public async Task AwsS3Ls_BucketRoot_ShowsCommonPrefixes()
    {
        var cli = await RunAwsAsync(Secret, "s3", "ls", $"s3://{Bucket}/");

        Assert.Equal(0, cli.ExitCode);
        Assert.Equal(["PRE notes/", "PRE releases/"], cli.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()));
    }

    [Fact]
    public async Task AwsS3Cp_ObjectToStdout_PrintsTheBody()
    {
        var cli = await RunAwsAsync(Secret, "s3", "cp", $"s3://{Bucket}/releases/0001.csv", "-");

        Assert.Equal(0, cli.ExitCode);
        Assert.Equal(Encoding.UTF8.GetString(Objects["releases/0001.csv"]), cli.Output);
        Assert.Contains(_seen, s => s.Method == "GET" && s.RawTarget.StartsWith($"/s3/{Bucket}/releases/0001.csv", StringComparison.Ordinal));
        Assert.All(_seen, s => Assert.True(s.Result.Succeeded, s.Result.Message));
    }

    [Fact]
    public async Task AwsS3Cp_KeyWithSpacesAndSymbols_SignatureVerifies()
    {
        var cli = await RunAwsAsync(Secret, "s3", "cp", $"s3://{Bucket}/notes/read me+1=ok.txt", "-");

        Assert.Equal(0, cli.ExitCode);
        Assert.Equal(Encoding.UTF8.GetString(Objects["notes/read me+1=ok.txt"]), cli.Output);
        Assert.Contains(_seen, s => s.RawTarget.StartsWith($"/s3/{Bucket}/notes/read%20me%2B1%3Dok.txt", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AwsS3apiHeadObject_Object_ReturnsLengthAndETag()
    {
        var cli = await RunAwsAsync(Secret, "s3api", "head-object", "--bucket", Bucket, "--key", "releases/0002.csv", "--output", "json");

        Assert.Equal(0, cli.ExitCode);
        using var json = JsonDocument.Parse(cli.Output);
        Assert.Equal(Objects["releases/0002.csv"].Length, json.RootElement.GetProperty("ContentLength").GetInt64());
        Assert.Equal(ETag(Objects["releases/0002.csv"]), json.RootElement.GetProperty("ETag").GetString());
        var head = Assert.Single(_seen);
        Assert.Equal("HEAD", head.Method);
        Assert.True(head.Result.Succeeded, head.Result.Message);
    }

    [Fact]
    public async Task AwsS3Presign_UrlFetchedWithHttpClient_ReturnsTheBody()
    {
        var cli = await RunAwsAsync(Secret, "s3", "presign", $"s3://{Bucket}/releases/0002.csv", "--expires-in", "300");
        Assert.Equal(0, cli.ExitCode);
        var url = cli.Output.Trim();
        using var http = new HttpClient();

        using var response = await http.GetAsync(url, TestContext.Current.CancellationToken);

        Assert.StartsWith($"{_endpoint}/{Bucket}/releases/0002.csv?", url);
        Assert.Contains("X-Amz-Signature=", url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Objects["releases/0002.csv"], await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.True(Assert.Single(_seen).Result.Succeeded);
    }

    [Fact]
    public async Task AwsS3Presign_FetchedAfterExpiry_AccessDenied()
    {
        var cli = await RunAwsAsync(Secret, "s3", "presign", $"s3://{Bucket}/releases/0002.csv", "--expires-in", "300");
        Assert.Equal(0, cli.ExitCode);
        var url = cli.Output.Trim();
        var signedAt = DateTimeOffset.ParseExact(
            System.Web.HttpUtility.ParseQueryString(new Uri(url).Query)["X-Amz-Date"]!, "yyyyMMdd'T'HHmmss'Z'",
            CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        _time.SetUtcNow(signedAt.AddSeconds(301));
        using var http = new HttpClient();

        using var response = await http.GetAsync(url, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var error = XDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Root!;
        Assert.Equal("AccessDenied", (string?)error.Element("Code"));
        Assert.StartsWith("Request has expired", (string?)error.Element("Message"));
    }

    [Fact]
    public async Task AwsS3Ls_WrongSecret_SignatureDoesNotMatchAndNonZeroExit()
    {
        var cli = await RunAwsAsync("not-the-secret", "s3", "ls", $"s3://{Bucket}/releases/");

        Assert.NotEqual(0, cli.ExitCode);
        Assert.Contains("SignatureDoesNotMatch", cli.Error);
        Assert.Equal(S3AuthError.SignatureDoesNotMatch, Assert.Single(_seen).Result.Error);
    }

    [Fact]
    public async Task AwsS3Cp_WrongSecret_NonZeroExitAndNothingPrinted()
    {
        var cli = await RunAwsAsync("not-the-secret", "s3", "cp", $"s3://{Bucket}/releases/0001.csv", "-");

        Assert.NotEqual(0, cli.ExitCode);
        Assert.Equal("", cli.Output);
        Assert.All(_seen, s => Assert.Equal(S3AuthError.SignatureDoesNotMatch, s.Result.Error));
    }

    [Fact]
    public async Task AwsS3Ls_UnknownAccessKey_InvalidAccessKeyId()
    {
        var cli = await RunAwsAsync(Secret, ["s3", "ls", $"s3://{Bucket}/releases/"], accessKeyId: "AKIAUNKNOWN000000000");

        Assert.NotEqual(0, cli.ExitCode);
        Assert.Contains("InvalidAccessKeyId", cli.Error);
    }

    private async Task HandleAsync(HttpContext context)
    {
        var verifier = context.RequestServices.GetRequiredService<S3SignatureVerifier>();
        var request = S3Request.FromHttpContext(context);
        var result = await verifier.VerifyAsync(
            request,
            (id, _) => ValueTask.FromResult(id == AccessKeyId ? Secret : null),
            context.RequestAborted);
        _seen.Enqueue(new Seen(request.Method, context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()!.RawTarget, result));
        if (!result.Succeeded)
        {
            await ErrorAsync(context, result.StatusCode, result.ToError(request.RawPath, context.TraceIdentifier));
            return;
        }

        if (!request.TryGetResource("/s3", out var bucket, out var key) || bucket != Bucket)
        {
            await ErrorAsync(context, 404, new S3Error("NoSuchBucket", "The specified bucket does not exist.", request.RawPath, context.TraceIdentifier));
            return;
        }

        if (key.Length == 0)
        {
            await ListAsync(context);
            return;
        }

        if (!Objects.TryGetValue(key, out var body))
        {
            await ErrorAsync(context, 404, new S3Error("NoSuchKey", "The specified key does not exist.", request.RawPath, context.TraceIdentifier));
            return;
        }

        context.Response.ContentType = "text/csv";
        context.Response.ContentLength = body.Length;
        context.Response.Headers.ETag = ETag(body);
        context.Response.Headers.LastModified = LastModified.ToString("r", CultureInfo.InvariantCulture);
        if (HttpMethods.IsGet(context.Request.Method))
        {
            await context.Response.Body.WriteAsync(body, context.RequestAborted);
        }
    }

    private static async Task ListAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var prefix = query["prefix"].ToString();
        var delimiter = query["delimiter"].ToString();
        var matching = Objects.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        var prefixes = delimiter.Length == 0 ? [] : matching
            .Where(k => k.IndexOf(delimiter, prefix.Length, StringComparison.Ordinal) >= 0)
            .Select(k => k[..(k.IndexOf(delimiter, prefix.Length, StringComparison.Ordinal) + delimiter.Length)])
            .Distinct()
            .ToList();
        var contents = matching
            .Where(k => !prefixes.Any(p => k.StartsWith(p, StringComparison.Ordinal)))
            .Select(k => new S3ObjectSummary(k, LastModified, ETag(Objects[k]), Objects[k].Length))
            .ToList();
        var result = new S3ListBucketResult(Bucket, prefix, 1000, IsTruncated: false, contents)
        {
            Delimiter = delimiter.Length == 0 ? null : delimiter,
            CommonPrefixes = prefixes,
            EncodingType = query["encoding-type"].ToString() is { Length: > 0 } encoding ? encoding : null,
        };
        context.Response.ContentType = S3Xml.ContentType;
        await S3Xml.WriteListBucketResultAsync(context.Response.Body, result, context.RequestAborted);
    }

    private static async Task ErrorAsync(HttpContext context, int status, S3Error error)
    {
        context.Response.StatusCode = status;
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }

        context.Response.ContentType = S3Xml.ContentType;
        await S3Xml.WriteErrorAsync(context.Response.Body, error, context.RequestAborted);
    }

    private static string ETag(byte[] body) => $"\"{Convert.ToHexStringLower(MD5.HashData(body))}\"";

    private Task<AwsCli.Result> RunAwsAsync(string secret, params string[] args) => RunAwsAsync(secret, args, AccessKeyId);

    private async Task<AwsCli.Result> RunAwsAsync(string secret, string[] args, string accessKeyId)
    {
        using var cli = new AwsCli(_endpoint, accessKeyId, secret, Region);
        return await cli.RunAsync(args);
    }

    private sealed record Seen(string Method, string RawTarget, S3SignatureResult Result);

}
