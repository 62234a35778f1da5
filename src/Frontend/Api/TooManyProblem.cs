using System.Reflection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;

namespace PPipe.Frontend.Api;

/// <summary>A 429 problem: a limit was reached (submissions per batch).</summary>
public sealed class TooManyProblem(ProblemHttpResult problem) : ProblemResult(problem), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, StatusCodes.Status429TooManyRequests);
}
