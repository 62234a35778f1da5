using System.Reflection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;

namespace PPipe.Frontend.Api;

/// <summary>A 404 problem: the resource does not exist (or, for a student, belongs to someone else).</summary>
public sealed class NotFoundProblem(ProblemHttpResult problem) : ProblemResult(problem), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, StatusCodes.Status404NotFound);
}
