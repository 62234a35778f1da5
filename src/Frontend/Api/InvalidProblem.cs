using System.Reflection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;

namespace PPipe.Frontend.Api;

/// <summary>A 422 problem: the request was read but its content is wrong; <c>errors</c> names each field or row.</summary>
public sealed class InvalidProblem(ProblemHttpResult problem) : ProblemResult(problem), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, StatusCodes.Status422UnprocessableEntity);
}
