using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PPipe.Frontend.Channels.Bucket;

namespace PPipe.Frontend.Tests.Channels.Bucket;

/// <summary>
/// The verifier against the worked examples of Amazon's S3 Signature Version 4 documentation
/// (examplebucket, AKIAIOSFODNN7EXAMPLE, 24 May 2013), and against everything that must fail.
/// </summary>
public sealed class S3SignatureVerifierTests
{
    private const string AccessKeyId = "AKIAIOSFODNN7EXAMPLE";
    private const string Secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private const string Host = "examplebucket.s3.amazonaws.com";
    private const string EmptySha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private const string Credential = "Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request";
    private const string PresignedQuery =
        "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
        + "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
        + "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404";

    private static readonly DateTimeOffset SignedAt = new(2013, 5, 24, 0, 0, 0, TimeSpan.Zero);

    private FakeTimeProvider _time = new(SignedAt);

    [Fact]
    public async Task VerifyAsync_DocumentedGetObject_Succeeds()
    {
        var result = await VerifyAsync(GetObject());

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(AccessKeyId, result.AccessKeyId);
        Assert.Equal(200, result.StatusCode);
    }

    [Fact]
    public async Task VerifyAsync_DocumentedPutObjectWithEncodedKeyAndDateHeader_Succeeds()
    {
        var request = new S3Request("PUT", "/test%24file.text",
        [
            new("Host", Host),
            new("Date", "Fri, 24 May 2013 00:00:00 GMT"),
            new("x-amz-date", "20130524T000000Z"),
            new("x-amz-storage-class", "REDUCED_REDUNDANCY"),
            new("x-amz-content-sha256", "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072"),
            new("Authorization", $"AWS4-HMAC-SHA256 {Credential},SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class,Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd"),
        ]);

        var result = await VerifyAsync(request);

        Assert.True(result.Succeeded, result.Message);
    }

    [Theory]
    [InlineData("/?lifecycle", "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543")]
    [InlineData("/?max-keys=2&prefix=J", "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7")]
    [InlineData("/?prefix=J&max-keys=2", "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7")]
    public async Task VerifyAsync_DocumentedBucketRequests_SucceedWhateverTheQueryOrder(string target, string signature)
    {
        var request = new S3Request("GET", target,
        [
            new("Host", Host),
            new("x-amz-date", "20130524T000000Z"),
            new("x-amz-content-sha256", EmptySha256),
            new("Authorization", $"AWS4-HMAC-SHA256 {Credential},SignedHeaders=host;x-amz-content-sha256;x-amz-date,Signature={signature}"),
        ]);

        var result = await VerifyAsync(request);

        Assert.True(result.Succeeded, result.Message);
    }

    [Fact]
    public async Task VerifyAsync_DocumentedPresignedUrl_Succeeds()
    {
        _time.Advance(TimeSpan.FromHours(23));

        var result = await VerifyAsync(new S3Request("GET", "/test.txt?" + PresignedQuery, [new("Host", Host)]));

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(AccessKeyId, result.AccessKeyId);
    }

    [Fact]
    public async Task VerifyAsync_PresignedUrlAfterExpiry_AccessDenied()
    {
        _time.Advance(TimeSpan.FromSeconds(86401));

        var result = await VerifyAsync(new S3Request("GET", "/test.txt?" + PresignedQuery, [new("Host", Host)]));

        Assert.Equal(S3AuthError.AccessDenied, result.Error);
        Assert.Equal("Request has expired: it was valid until 2013-05-25T00:00:00Z.", result.Message);
        Assert.Equal(403, result.StatusCode);
    }

    [Fact]
    public async Task VerifyAsync_PresignedUrlFromTheFuture_AccessDenied()
    {
        _time = new FakeTimeProvider(SignedAt.AddMinutes(-16));

        var result = await VerifyAsync(new S3Request("GET", "/test.txt?" + PresignedQuery, [new("Host", Host)]));

        Assert.Equal(S3AuthError.AccessDenied, result.Error);
        Assert.Equal("Request is not valid yet.", result.Message);
    }

    [Theory]
    [InlineData("X-Amz-Expires=86400&", "")]
    [InlineData("X-Amz-Expires=86400", "X-Amz-Expires=604801")]
    [InlineData("X-Amz-Expires=86400", "X-Amz-Expires=0")]
    [InlineData("X-Amz-Expires=86400", "X-Amz-Expires=soon")]
    [InlineData("X-Amz-Date=20130524T000000Z", "X-Amz-Date=2013-05-24")]
    [InlineData("X-Amz-Algorithm=AWS4-HMAC-SHA256", "X-Amz-Algorithm=AWS4-HMAC-SHA1")]
    [InlineData("AKIAIOSFODNN7EXAMPLE%2F20130524", "AKIAIOSFODNN7EXAMPLE%2F")]
    public async Task VerifyAsync_MalformedPresignedParameters_AuthorizationQueryParametersError(string replace, string with)
    {
        var query = PresignedQuery.Replace(replace, with, StringComparison.Ordinal);

        var result = await VerifyAsync(new S3Request("GET", "/test.txt?" + query, [new("Host", Host)]));

        Assert.Equal(S3AuthError.AuthorizationQueryParametersError, result.Error);
        Assert.Equal(400, result.StatusCode);
    }

    [Fact]
    public async Task VerifyAsync_WrongSecret_SignatureDoesNotMatchWithTheServersCanonicalRequest()
    {
        var result = await VerifyAsync(GetObject(), "not-the-secret");

        Assert.Equal(S3AuthError.SignatureDoesNotMatch, result.Error);
        Assert.Equal(AccessKeyId, result.AccessKeyId);
        Assert.Equal(
            "GET\n/test.txt\n\nhost:examplebucket.s3.amazonaws.com\nrange:bytes=0-9\nx-amz-content-sha256:" + EmptySha256
            + "\nx-amz-date:20130524T000000Z\n\nhost;range;x-amz-content-sha256;x-amz-date\n" + EmptySha256,
            result.CanonicalRequest);
        Assert.Equal(
            "AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972",
            result.StringToSign);
    }

    [Theory]
    [InlineData("/test.txt", "/test2.txt")]
    [InlineData("/test.txt", "/test.txt?versionId=1")]
    [InlineData("bytes=0-9", "bytes=0-99")]
    [InlineData("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41", "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb42")]
    [InlineData("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41", "f0e8bdb8")]
    [InlineData("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41", "not-hex-not-hex-not-hex-not-hex-not-hex-not-hex-not-hex-not-hex-")]
    public async Task VerifyAsync_TamperedRequest_SignatureDoesNotMatch(string replace, string with)
    {
        var result = await VerifyAsync(GetObject(replace, with));

        Assert.Equal(S3AuthError.SignatureDoesNotMatch, result.Error);
        Assert.Equal(403, result.StatusCode);
    }

    [Fact]
    public async Task VerifyAsync_UnknownAccessKey_InvalidAccessKeyId()
    {
        var result = await new S3SignatureVerifier(Options.Create(new BucketOptions()), _time)
            .VerifyAsync(GetObject(), (_, _) => ValueTask.FromResult<string?>(null), Xunit.TestContext.Current.CancellationToken);

        Assert.Equal(S3AuthError.InvalidAccessKeyId, result.Error);
        Assert.Equal("The AWS Access Key Id you provided does not exist in our records.", result.Message);
    }

    [Theory]
    [InlineData(-16)]
    [InlineData(16)]
    public async Task VerifyAsync_ClockSkewOverFifteenMinutes_RequestTimeTooSkewed(int minutes)
    {
        _time = new FakeTimeProvider(SignedAt.AddMinutes(minutes));

        var result = await VerifyAsync(GetObject());

        Assert.Equal(S3AuthError.RequestTimeTooSkewed, result.Error);
    }

    [Theory]
    [InlineData(-14)]
    [InlineData(14)]
    public async Task VerifyAsync_ClockSkewUnderFifteenMinutes_Succeeds(int minutes)
    {
        _time = new FakeTimeProvider(SignedAt.AddMinutes(minutes));

        Assert.True((await VerifyAsync(GetObject())).Succeeded);
    }

    [Fact]
    public async Task VerifyAsync_SignedForAnotherRegion_NamesTheExpectedRegion()
    {
        var verifier = new S3SignatureVerifier(Options.Create(new BucketOptions { Region = "eu-central-1" }), _time);

        var result = await verifier.VerifyAsync(GetObject(), FindSecret(Secret), Xunit.TestContext.Current.CancellationToken);

        Assert.Equal(S3AuthError.AuthorizationHeaderMalformed, result.Error);
        Assert.Equal("The authorization header is malformed; the region 'us-east-1' is wrong; expecting 'eu-central-1'.", result.Message);
        Assert.Equal(400, result.StatusCode);
    }

    [Theory]
    [InlineData("/us-east-1/s3/", "/us-east-1/sqs/")]
    [InlineData("/aws4_request", "/aws5_request")]
    [InlineData("/20130524/", "/20130523/")]
    [InlineData("SignedHeaders=", "Signed=")]
    public async Task VerifyAsync_BadCredentialScopeOrFields_AuthorizationHeaderMalformed(string replace, string with)
    {
        var result = await VerifyAsync(GetObject(replace, with));

        Assert.Equal(S3AuthError.AuthorizationHeaderMalformed, result.Error);
    }

    [Fact]
    public async Task VerifyAsync_UnsignedAmzHeader_AccessDenied()
    {
        var request = new S3Request("GET", "/test.txt", [.. GetObjectHeaders(), new("x-amz-request-payer", "requester")]);

        var result = await VerifyAsync(request);

        Assert.Equal(S3AuthError.AccessDenied, result.Error);
        Assert.Equal("There were headers present in the request which were not signed: x-amz-request-payer.", result.Message);
    }

    [Fact]
    public async Task VerifyAsync_NoCredentials_AccessDenied()
    {
        var result = await VerifyAsync(new S3Request("GET", "/test.txt", [new("Host", Host)]));

        Assert.Equal(S3AuthError.AccessDenied, result.Error);
        Assert.Null(result.AccessKeyId);
    }

    [Fact]
    public async Task VerifyAsync_HeaderAndQuerySignature_AccessDenied()
    {
        var request = new S3Request("GET", "/test.txt?" + PresignedQuery, GetObjectHeaders());

        var result = await VerifyAsync(request);

        Assert.Equal(S3AuthError.AccessDenied, result.Error);
        Assert.StartsWith("Only one auth mechanism allowed", result.Message);
    }

    [Fact]
    public async Task VerifyAsync_SignatureVersion2_AccessDenied()
    {
        var request = new S3Request("GET", "/test.txt", [new("Host", Host), new("Authorization", "AWS AKIAIOSFODNN7EXAMPLE:frJIUN8DYpKDtOLCwo//yllqDzg=")]);

        var result = await VerifyAsync(request);

        Assert.Equal(S3AuthError.AccessDenied, result.Error);
        Assert.Equal("Signature Version 2 is not supported; sign with AWS4-HMAC-SHA256 (Signature Version 4).", result.Message);
    }

    [Fact]
    public async Task VerifyAsync_MissingDate_AccessDenied()
    {
        var request = new S3Request("GET", "/test.txt", GetObjectHeaders().Where(h => h.Key != "x-amz-date"));

        var result = await VerifyAsync(request);

        Assert.Equal(S3AuthError.AccessDenied, result.Error);
        Assert.Equal("AWS authentication requires a valid Date or x-amz-date header.", result.Message);
    }

    [Fact]
    public async Task ToError_Failure_CarriesCodeMessageResourceAndRequestId()
    {
        var failure = await VerifyAsync(new S3Request("GET", "/x", [new("Host", Host)]));

        var error = failure.ToError("/s3/bucket-x/x", "req-1");

        Assert.Equal(new S3Error("AccessDenied", failure.Message, "/s3/bucket-x/x", "req-1"), error);
    }

    [Fact]
    public void TryGetResource_PathStyleUnderMount_DecodesBucketAndKey()
    {
        var request = new S3Request("GET", "/s3/bucket-x/releases/week%201/a%2Bb%2Fc.csv?x-id=GetObject", []);

        Assert.True(request.TryGetResource("/s3", out var bucket, out var key));
        Assert.Equal("bucket-x", bucket);
        Assert.Equal("releases/week 1/a+b/c.csv", key);
        Assert.True(new S3Request("GET", "/s3/bucket-x?list-type=2", []).TryGetResource("/s3/", out bucket, out key));
        Assert.Equal(("bucket-x", ""), (bucket, key));
        Assert.False(new S3Request("GET", "/api/v1/me", []).TryGetResource("/s3", out _, out _));
    }

    private static List<KeyValuePair<string, string>> GetObjectHeaders(string replace = "", string with = "")
    {
        List<KeyValuePair<string, string>> headers =
        [
            new("Host", Host),
            new("Range", "bytes=0-9"),
            new("x-amz-content-sha256", EmptySha256),
            new("x-amz-date", "20130524T000000Z"),
            new("Authorization", $"AWS4-HMAC-SHA256 {Credential},SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"),
        ];
        return replace.Length == 0
            ? headers
            : [.. headers.Select(h => KeyValuePair.Create(h.Key, h.Value.Replace(replace, with, StringComparison.Ordinal)))];
    }

    private static S3Request GetObject(string replace = "", string with = "")
    {
        var target = replace.Length > 0 ? "/test.txt".Replace(replace, with, StringComparison.Ordinal) : "/test.txt";
        return new S3Request("GET", target, GetObjectHeaders(replace, with));
    }

    private ValueTask<S3SignatureResult> VerifyAsync(S3Request request, string secret = Secret) =>
        new S3SignatureVerifier(Options.Create(new BucketOptions()), _time)
            .VerifyAsync(request, FindSecret(secret), Xunit.TestContext.Current.CancellationToken);

    private static Func<string, CancellationToken, ValueTask<string?>> FindSecret(string secret) =>
        (id, _) => ValueTask.FromResult(id == AccessKeyId ? secret : null);
}
