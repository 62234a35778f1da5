using System.Reflection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;

namespace PPipe.Frontend.Api;

/// <summary>A 409 problem: the request is sound but the resource's state refuses it now (a closed batch, a paused cohort).</summary>
public sealed class ConflictProblem(ProblemHttpResult problem) : ProblemResult(problem), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, StatusCodes.Status409Conflict);
}
