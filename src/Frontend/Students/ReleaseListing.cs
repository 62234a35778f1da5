using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Net.Http.Headers;

namespace PPipe.Frontend.Students;

/// <summary>
/// A built release listing, a <see cref="ReleasesResponse"/> serialized once for every student of a cohort who
/// polls it, and its quoted ETag. As a result it answers 304 when the client already holds this version.
/// </summary>
public sealed record ReleaseListing(byte[] Body, string ETag) : IResult, IEndpointMetadataProvider
{
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
        response.ContentType = "application/json";
        response.ContentLength = Body.Length;
        return response.Body.WriteAsync(Body, httpContext.RequestAborted).AsTask();
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(ReleasesResponse), ["application/json"]));
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
            return true; // what a polling client sends back: no parsing needed
        }

        return request.GetTypedHeaders().IfNoneMatch.Any(m => m.Tag == "*" || m.Compare(new EntityTagHeaderValue(ETag), useStrongComparison: false));
    }
}
