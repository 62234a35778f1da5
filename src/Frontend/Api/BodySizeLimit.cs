using Microsoft.AspNetCore.Http.Metadata;

namespace PPipe.Frontend.Api;

/// <summary>
/// Endpoint metadata capping the body a route reads: the endpoint middleware applies it before the body is bound, and a
/// larger body is a 413 problem (<see cref="BindingProblems"/>).
/// </summary>
public sealed record BodySizeLimit(long Bytes) : IRequestSizeLimitMetadata
{
    public long? MaxRequestBodySize => Bytes;
}
