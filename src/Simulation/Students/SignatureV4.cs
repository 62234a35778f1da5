using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PPipe.Simulation.Students;

/// <summary>
/// Signs a GET to an S3-compatible endpoint with AWS Signature Version 4 in the Authorization header, as
/// S3 clients do: path-style, signed headers <c>host</c>, <c>x-amz-content-sha256</c> and <c>x-amz-date</c>.
/// Enough for GetObject on the platform's bucket channel.
/// </summary>
internal static class SignatureV4
{
    private const string Algorithm = "AWS4-HMAC-SHA256";
    private const string EmptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private const string SignedHeaders = "host;x-amz-content-sha256;x-amz-date";

    public static void SignGet(HttpRequestMessage request, BucketAccess bucket, DateTimeOffset now)
    {
        var uri = request.RequestUri ?? throw new ArgumentException("The request has no URI.", nameof(request));
        var amzDate = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var date = amzDate[..8];
        var host = uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port.ToString(CultureInfo.InvariantCulture)}";
        var path = string.Join('/', uri.AbsolutePath.Split('/').Select(s => Uri.EscapeDataString(Uri.UnescapeDataString(s))));
        var canonical = string.Join('\n',
            "GET",
            path,
            "",
            "host:" + host,
            "x-amz-content-sha256:" + EmptyPayloadHash,
            "x-amz-date:" + amzDate,
            "",
            SignedHeaders,
            EmptyPayloadHash);
        var scope = $"{date}/{bucket.Region}/s3/aws4_request";
        var stringToSign = string.Join('\n', Algorithm, amzDate, scope, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical))));
        var key = Encoding.UTF8.GetBytes("AWS4" + bucket.SecretAccessKey);
        foreach (var part in (ReadOnlySpan<string>)[date, bucket.Region, "s3", "aws4_request"])
        {
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        }

        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
        request.Headers.Host = host;
        request.Headers.TryAddWithoutValidation("x-amz-date", amzDate);
        request.Headers.TryAddWithoutValidation("x-amz-content-sha256", EmptyPayloadHash);
        request.Headers.TryAddWithoutValidation("Authorization",
            $"{Algorithm} Credential={bucket.AccessKeyId}/{scope}, SignedHeaders={SignedHeaders}, Signature={signature}");
    }
}
