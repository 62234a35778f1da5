using System.IO.Compression;
using System.Reflection;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Net.Http.Headers;

namespace PPipe.Frontend.Calendar;

/// <summary>
/// A rendered calendar feed, kept gzip-compressed (an iCalendar text shrinks about fifteenfold, so a front end can hold
/// every student's feed), and its weak ETag, shared by both encodings. As a result it answers 304 when the client already
/// holds this version, else the feed as <c>text/calendar</c>: the stored bytes as they are to a client that accepts gzip
/// (calendar apps do), decompressed for one that does not. <c>no-cache</c>: a client may keep the feed but asks again each
/// time, so a rotated URL or a moved deadline is seen at the next poll, and an unchanged feed costs a 304.
/// </summary>
public sealed class CalendarFeed : IResult, IEndpointMetadataProvider
{
    public const string ContentType = "text/calendar; charset=utf-8";

    private readonly byte[] _gzip;

    private CalendarFeed(byte[] gzip, string etag)
    {
        _gzip = gzip;
        ETag = etag;
    }

    /// <summary>The weak ETag of the feed's text, e.g. <c>W/"3f2a…"</c>.</summary>
    public string ETag { get; }

    /// <summary>The bytes kept in memory.</summary>
    public int StoredLength => _gzip.Length;

    public static CalendarFeed Of(ReadOnlySpan<byte> text)
    {
        using var compressed = new MemoryStream(text.Length / 8);
        using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(text);
        }

        return new CalendarFeed(compressed.ToArray(), "W/\"" + Convert.ToHexStringLower(SHA256.HashData(text).AsSpan(0, 12)) + "\"");
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.Headers.ETag = ETag;
        response.Headers.CacheControl = "private, no-cache";
        response.Headers.Vary = "Accept-Encoding";
        if (IsCurrent(httpContext.Request))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        if (AcceptsGzip(httpContext.Request))
        {
            response.Headers.ContentEncoding = "gzip";
            response.ContentLength = _gzip.Length;
            await response.Body.WriteAsync(_gzip, httpContext.RequestAborted);
            return;
        }

        await using var text = new GZipStream(new MemoryStream(_gzip, writable: false), CompressionMode.Decompress);
        await text.CopyToAsync(response.Body, httpContext.RequestAborted);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(string), ["text/calendar"]));
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status304NotModified, typeof(void)));
    }

    private static bool AcceptsGzip(HttpRequest request) =>
        request.Headers.AcceptEncoding.Count > 0
        && request.GetTypedHeaders().AcceptEncoding.Any(e => e.Value.Equals("gzip", StringComparison.OrdinalIgnoreCase) && (e.Quality ?? 1) > 0);

    /// <summary>True when <c>If-None-Match</c> names the ETag (weak comparison) or is <c>*</c>.</summary>
    private bool IsCurrent(HttpRequest request)
    {
        var header = request.Headers.IfNoneMatch;
        if (header.Count == 0)
        {
            return false;
        }

        if (header.Count == 1 && header[0] == ETag)
        {
            return true;
        }

        return request.GetTypedHeaders().IfNoneMatch.Any(m => m.Tag == "*" || m.Compare(EntityTagHeaderValue.Parse(ETag), useStrongComparison: false));
    }
}
