using System.Reflection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;

namespace PPipe.Frontend.Api;

/// <summary>
/// A problem with the body as sent, before its content is read: over the size limit (413) or of a media type
/// the route does not take (415). Every route that takes an upload can answer both.
/// </summary>
public sealed class PayloadProblem(ProblemHttpResult problem) : ProblemResult(problem), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        Declare(builder, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType);
}
