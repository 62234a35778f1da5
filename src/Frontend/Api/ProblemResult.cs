using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace PPipe.Frontend.Api;

/// <summary>
/// An RFC 7807 answer whose status is part of its type. A handler that names these in its return type
/// (<c>Results&lt;Ok&lt;T&gt;, NotFoundProblem&gt;</c>) can only answer with those statuses, and the OpenAPI document
/// lists exactly those, as <c>application/problem+json</c>.
/// </summary>
public abstract class ProblemResult(ProblemHttpResult problem) : IResult, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<ProblemDetails>
{
    public const string ContentType = "application/problem+json";

    public ProblemDetails Value => problem.ProblemDetails;

    object? IValueHttpResult.Value => problem.ProblemDetails;

    public int? StatusCode => problem.StatusCode;

    public Task ExecuteAsync(HttpContext httpContext) => problem.ExecuteAsync(httpContext);

    /// <summary>Declares that the endpoint may answer each of <paramref name="statusCodes"/> with a problem.</summary>
    protected static void Declare(EndpointBuilder builder, params int[] statusCodes)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var statusCode in statusCodes)
        {
            builder.Metadata.Add(new ProducesResponseTypeMetadata(statusCode, typeof(ProblemDetails), [ContentType]));
        }
    }
}
