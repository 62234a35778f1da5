using Microsoft.AspNetCore.Http.Features;

namespace PPipe.Frontend.Channels.Bucket;

/// <summary>
/// What Signature Version 4 covers of an HTTP request, exactly as it arrived: the method, the raw
/// (still percent-encoded) path and query, and the headers. The raw target matters: ASP.NET's
/// <c>Request.Path</c> is decoded, and a signature over a decoded path would not match.
/// </summary>
public sealed class S3Request
{
    private readonly Dictionary<string, List<string>> _headers = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// A request with method, raw target as sent (<c>/s3/bucket/key%20name?list-type=2</c>) and
    /// every header line (a name may repeat).
    /// </summary>
    public S3Request(string method, string rawTarget, IEnumerable<KeyValuePair<string, string>> headers)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentNullException.ThrowIfNull(rawTarget);
        Method = method.ToUpperInvariant();

        // Absolute-form targets (http://host/path) carry the path after the authority.
        if (rawTarget.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || rawTarget.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            var pathStart = rawTarget.IndexOf('/', rawTarget.IndexOf("//", StringComparison.Ordinal) + 2);
            rawTarget = pathStart < 0 ? "/" : rawTarget[pathStart..];
        }

        var question = rawTarget.IndexOf('?');
        RawPath = question < 0 ? rawTarget : rawTarget[..question];
        RawQuery = question < 0 ? "" : rawTarget[(question + 1)..];
        foreach (var (name, value) in headers)
        {
            if (!_headers.TryGetValue(name, out var values))
            {
                _headers[name] = values = [];
            }

            values.Add(value);
        }
    }

    public string Method { get; }

    /// <summary>The path as sent, percent-encoded, without the query.</summary>
    public string RawPath { get; }

    /// <summary>The query as sent, percent-encoded, without the '?'.</summary>
    public string RawQuery { get; }

    /// <summary>The names of the headers present.</summary>
    public IEnumerable<string> HeaderNames => _headers.Keys;

    /// <summary>The values of a header, one per header line (or per value ASP.NET split out); empty when absent.</summary>
    public IReadOnlyList<string> HeaderValues(string name) => _headers.TryGetValue(name, out var values) ? values : [];

    /// <summary>The header's values joined with commas, or null when absent.</summary>
    public string? Header(string name) => _headers.TryGetValue(name, out var values) ? string.Join(',', values) : null;

    /// <summary>
    /// Splits a path-style resource under <paramref name="mountPath"/> (e.g. <c>/s3</c>):
    /// <c>/s3/bucket-x/releases/0007.csv</c> is bucket <c>bucket-x</c>, key <c>releases/0007.csv</c>.
    /// The key is decoded; it is empty for requests on the bucket itself (ListObjectsV2).
    /// </summary>
    public bool TryGetResource(string mountPath, out string bucket, out string key)
    {
        bucket = key = "";
        var mount = mountPath.TrimEnd('/');
        if (!RawPath.StartsWith(mount + "/", StringComparison.Ordinal))
        {
            return false;
        }

        var rest = RawPath.AsSpan(mount.Length + 1);
        var slash = rest.IndexOf('/');
        bucket = AwsUriEncoding.DecodeToString(slash < 0 ? rest : rest[..slash]);
        key = slash < 0 ? "" : AwsUriEncoding.DecodeToString(rest[(slash + 1)..]);
        return bucket.Length > 0;
    }

    /// <summary>The request of an ASP.NET <see cref="HttpContext"/>, with its raw target.</summary>
    public static S3Request FromHttpContext(HttpContext context)
    {
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(rawTarget))
        {
            rawTarget = context.Request.PathBase.ToUriComponent() + context.Request.Path.ToUriComponent() + context.Request.QueryString.ToUriComponent();
        }

        var headers = context.Request.Headers.SelectMany(
            h => h.Value.Select(v => KeyValuePair.Create(h.Key, v ?? "")));
        return new S3Request(context.Request.Method, rawTarget, headers);
    }
}
