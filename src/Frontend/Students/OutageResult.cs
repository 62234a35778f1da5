using System.Globalization;

namespace PPipe.Frontend.Students;

/// <summary>503 with <c>Retry-After</c>: the scenario has this channel in an outage window, as real data sources sometimes are.</summary>
public sealed class OutageResult(PPipe.Scenarios.Channel channel, int retryAfterSeconds) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        var name = StudentEndpoints.Name(channel);
        return Results.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: $"The {name} channel is down.",
            detail: $"The {name} channel is in an outage; retry in {retryAfterSeconds} s. Pipelines should retry with backoff.")
            .ExecuteAsync(httpContext);
    }
}
