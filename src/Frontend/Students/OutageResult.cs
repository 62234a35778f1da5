using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using PPipe.Frontend.Api;
using PPipe.Scenarios;

namespace PPipe.Frontend.Students;

/// <summary>503 with <c>Retry-After</c>: the scenario has this channel in an outage window, as real data sources sometimes are.</summary>
public sealed class OutageResult(Channel channel, int retryAfterSeconds) : IResult, IStatusCodeHttpResult, IEndpointMetadataProvider
{
    public int? StatusCode => StatusCodes.Status503ServiceUnavailable;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        var name = ChannelNames.Of(channel);
        return TypedResults.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: $"The {name} channel is down.",
            detail: $"The {name} channel is in an outage; retry in {retryAfterSeconds} s. Pipelines should retry with backoff.")
            .ExecuteAsync(httpContext);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status503ServiceUnavailable, typeof(ProblemDetails), [ProblemResult.ContentType]));
    }
}
