using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Net.Http.Headers;

namespace PPipe.Frontend.Calendar;

/// <summary>
/// A rendered calendar feed and its quoted ETag. As a result it answers 304 when the client already holds this version,
/// else the feed as <c>text/calendar</c>. <c>no-cache</c>: a client may keep it but asks again each time, so a rotated URL
/// or a moved deadline is seen at the next poll, and an unchanged feed costs a 304.
/// </summary>
public sealed record CalendarFeed(byte[] Body, string ETag) : IResult, IEndpointMetadataProvider
{
    public const string ContentType = "text/calendar; charset=utf-8";

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.Headers.ETag = ETag;
        response.Headers.CacheControl = "private, no-cache";
        if (IsCurrent(httpContext.Request))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.ContentLength = Body.Length;
        return response.Body.WriteAsync(Body, httpContext.RequestAborted).AsTask();
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(string), ["text/calendar"]));
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status304NotModified, typeof(void)));
    }

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

        return request.GetTypedHeaders().IfNoneMatch.Any(m => m.Tag == "*" || m.Compare(new EntityTagHeaderValue(ETag), useStrongComparison: false));
    }
}
