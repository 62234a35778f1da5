using System.Net.Http.Headers;

namespace PPipe.Simulation.Students;

/// <summary>
/// The HTTP side of a student's program: requests to the student API with the student's bearer token (set
/// per request, so many students share one <see cref="HttpClient"/>), and signed GETs to the bucket.
/// </summary>
internal sealed class PlatformClient(HttpClient http, Uri platform, string token, TimeProvider time, TimeSpan timeout)
{
    public Uri Platform => platform;

    public async Task<PlatformResponse> SendAsync(HttpMethod method, string pathOrUrl, HttpContent? content, string? ifNoneMatch,
        CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(platform, pathOrUrl)) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (ifNoneMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }

        return await ReadAsync(request, cancellationToken);
    }

    /// <summary>GetObject on the enrollment's bucket, path-style: <c>{endpoint}/{bucket}/{key}</c>.</summary>
    public async Task<PlatformResponse> GetObjectAsync(BucketAccess bucket, string key, CancellationToken cancellationToken)
    {
        var endpoint = bucket.Endpoint.ToString().TrimEnd('/');
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"{endpoint}/{Uri.EscapeDataString(bucket.Bucket)}/{key}"));
        SignatureV4.SignGet(request, bucket, time.GetUtcNow());
        return await ReadAsync(request, cancellationToken);
    }

    private async Task<PlatformResponse> ReadAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, limit.Token);
            var body = await response.Content.ReadAsStringAsync(limit.Token);
            var retryAfter = response.Headers.RetryAfter is { } header
                ? header.Delta ?? (header.Date is { } date ? date - time.GetUtcNow() : null)
                : null;
            return new PlatformResponse((int)response.StatusCode, body, response.Headers.ETag?.ToString(), retryAfter);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{request.Method} {request.RequestUri} took longer than {timeout.TotalSeconds:0} s.");
        }
    }
}
