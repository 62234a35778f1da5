using PPipe.Simulation.Students;

namespace PPipe.Simulation.Tests.Students;

public sealed class SignatureV4Tests
{
    /// <summary>The expected signature was computed by botocore 1.43 (S3SigV4Auth) for the same request, key and time.</summary>
    [Fact]
    public void SignGet_BucketObject_MatchesBotocore()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://127.0.0.1:5080/s3/b-0123abcd/releases/0007.csv");
        var bucket = new BucketAccess(new Uri("http://127.0.0.1:5080/s3"), "b-0123abcd", "AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "us-east-1");

        SignatureV4.SignGet(request, bucket, new DateTimeOffset(2026, 3, 2, 9, 30, 15, TimeSpan.Zero));

        Assert.Equal(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260302/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, "
            + "Signature=5fea606749a51667a50876a7dfaa931f45aef7632971a8e7106b498d65a57024",
            string.Join(',', request.Headers.GetValues("Authorization")));
        Assert.Equal("20260302T093015Z", Assert.Single(request.Headers.GetValues("x-amz-date")));
        Assert.Equal("127.0.0.1:5080", request.Headers.Host);
    }
}
