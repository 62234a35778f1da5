using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using PPipe.Api.Tests.Infrastructure;

namespace PPipe.Api.Tests.Contract;

/// <summary>
/// The published OpenAPI document against the routes the running front end really has: every public route, its methods,
/// and every status its handler can answer are in it, so a client generated from it is never surprised.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class OpenApiDocumentTests(ApiPlatform platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OpenApiDocument_EveryApiAndBucketRoute_IsDescribedWithItsMethods()
    {
        using var http = platform.Anonymous();

        var paths = (await DocumentAsync(http)).GetProperty("paths");

        Assert.NotEmpty(PublicRoutes());
        Assert.All(PublicRoutes(), route =>
        {
            Assert.True(paths.TryGetProperty(route.Path, out var item), $"{route.Path} is not in the document.");
            Assert.All(route.Methods, method => Assert.True(item.TryGetProperty(method.ToLowerInvariant(), out _), $"{method} {route.Path} is not in the document."));
        });
    }

    [Fact]
    public async Task OpenApiDocument_AuthenticatedRoutes_Declare401ProblemAndTheirBearerScheme()
    {
        using var http = platform.Anonymous();

        var document = await DocumentAsync(http);

        var authenticated = PublicRoutes().Where(r => r.Policy is not null).ToList();
        Assert.NotEmpty(authenticated);
        Assert.All(authenticated, route => Assert.All(route.Methods, method =>
        {
            var operation = Operation(document, route.Path, method);
            AssertProblem(operation, 401, route, method);
            var schemes = operation.GetProperty("security").EnumerateArray().SelectMany(r => r.EnumerateObject()).Select(p => p.Name);
            Assert.Contains(route.Policy, schemes);
        }));
        Assert.True(document.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("StudentToken", out _));
        Assert.True(document.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("AdminApiKey", out _));
    }

    [Fact]
    public async Task OpenApiDocument_RoutesWithRouteQueryOrBodyValues_Declare400Problem()
    {
        using var http = platform.Anonymous();

        var document = await DocumentAsync(http);

        var parameterized = PublicRoutes().Where(r => r.Path.StartsWith("/api/", StringComparison.Ordinal) && (r.HasRouteValues || r.HasBoundValues)).ToList();
        Assert.Contains(parameterized, r => r.Path == "/api/v1/releases");
        Assert.Contains(parameterized, r => r.Path == "/api/v1/admin/cohorts" && r.Methods.Contains("POST"));
        Assert.All(parameterized, route => Assert.All(route.Methods, method => AssertProblem(Operation(document, route.Path, method), 400, route, method)));
    }

    [Fact]
    public async Task OpenApiDocument_EveryStatusAHandlerReturns_IsDeclared()
    {
        using var http = platform.Anonymous();

        var document = await DocumentAsync(http);

        var declaring = PublicRoutes().Where(r => r.HandlerStatuses.Count > 0).ToList();
        Assert.Contains(declaring, r => r.Path == "/api/v1/batches/{seq}/predictions" && r.HandlerStatuses.SetEquals([202, 404, 409, 413, 415, 422, 429]));
        Assert.Contains(declaring, r => r.Path == "/api/v1/admin/datasets" && r.Methods.Contains("POST") && r.HandlerStatuses.SetEquals([201, 409, 413, 415, 422]));
        Assert.Contains(declaring, r => r.Path == "/api/v1/admin/datasets/{id}/versions/{version}/roles" && r.HandlerStatuses.SetEquals([200, 404, 409, 422]));
        Assert.Contains(declaring, r => r.Path == "/api/v1/admin/cohorts/{id}/surveys/analytics" && r.HandlerStatuses.SetEquals([200, 404, 409]));
        Assert.Contains(declaring, r => r.Path == "/api/v1/admin/cohorts/{id}/surveys/analytics/comparison" && r.HandlerStatuses.SetEquals([200, 404, 409]));
        Assert.Contains(declaring, r => r.Path == "/api/v1/admin/cohorts/{id}/surveys/feedback" && r.HandlerStatuses.SetEquals([200, 404, 409, 422]));
        Assert.All(declaring, route => Assert.All(route.Methods, method =>
        {
            var responses = Operation(document, route.Path, method).GetProperty("responses");
            Assert.All(route.HandlerStatuses, status => Assert.True(responses.TryGetProperty(Code(status), out _), $"{method} {route.Path} does not declare {status}."));
        }));
    }

    [Fact]
    public async Task OpenApiDocument_SpecialBodies_HaveTheirMediaTypes()
    {
        using var http = platform.Anonymous();

        var document = await DocumentAsync(http);

        Assert.True(Operation(document, "/api/v1/releases", "GET").GetProperty("responses").TryGetProperty("304", out _));
        Assert.True(Content(Operation(document, "/api/v1/events", "GET"), "200").TryGetProperty("text/event-stream", out _));
        Assert.True(Content(Operation(document, "/api/v1/releases/{seq}.csv", "GET"), "200").TryGetProperty("text/csv", out _));
        Assert.True(Operation(document, "/api/v1/batches/{seq}/predictions", "POST").GetProperty("requestBody").GetProperty("content").TryGetProperty("text/csv", out _));
        Assert.True(Operation(document, "/api/v1/admin/cohorts/{id}/enrollments", "POST").GetProperty("requestBody").GetProperty("content").TryGetProperty("text/csv", out _));
        var datasetUpload = Operation(document, "/api/v1/admin/datasets", "POST").GetProperty("requestBody").GetProperty("content");
        Assert.Equal(["text/csv", "application/vnd.apache.parquet"], datasetUpload.EnumerateObject().Select(p => p.Name));
        Assert.True(Content(Operation(document, "/api/v1/admin/cohorts/{id}/grades.csv", "GET"), "200").TryGetProperty("text/csv", out _));
        Assert.True(Content(Operation(document, "/api/v1/admin/cohorts/{id}/research-export", "GET"), "200").TryGetProperty("application/zip", out _));
    }

    [Fact]
    public async Task OpenApiDocument_Enums_AreTheWireSpellings()
    {
        using var http = platform.Anonymous();

        var schemas = (await DocumentAsync(http)).GetProperty("components").GetProperty("schemas");

        Assert.Equal(["NotYetProficient", "Proficient", "Advanced", "Expert"], EnumValues(schemas, "GradeLevel"));
        Assert.Equal(["upcoming", "open", "closed", "scored"], EnumValues(schemas, "StudentBatchStatus"));
        Assert.Equal(["api", "bucket", "webhook", "stream"], EnumValues(schemas, "Channel"));
        Assert.Equal(["accept", "reject", "penalty"], EnumValues(schemas, "LatePolicyKind"));
        Assert.Equal(["weighted-mean", "all-proficient"], EnumValues(schemas, "GradingPolicy"));
        Assert.Equal(["unfetchedData", "unreleasedData", "reusedVersion"], EnumValues(schemas, "ModelFlag"));
    }

    [Fact]
    public async Task ReferencePage_Anonymous_IsServed()
    {
        using var http = platform.Anonymous();

        var response = await http.GetAsync("/scalar/v1", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    private static async Task<JsonElement> DocumentAsync(HttpClient http)
    {
        var response = await http.GetAsync("/openapi/v1.json", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private static JsonElement Operation(JsonElement document, string path, string method) =>
        document.GetProperty("paths").GetProperty(path).GetProperty(method.ToLowerInvariant());

    private static JsonElement Content(JsonElement operation, string status) =>
        operation.GetProperty("responses").GetProperty(status).GetProperty("content");

    private static void AssertProblem(JsonElement operation, int status, PublicRoute route, string method)
    {
        Assert.True(operation.GetProperty("responses").TryGetProperty(Code(status), out var response), $"{method} {route.Path} does not declare {status}.");
        Assert.True(response.GetProperty("content").TryGetProperty("application/problem+json", out _), $"{method} {route.Path}: {status} is not a problem.");
    }

    private static List<string?> EnumValues(JsonElement schemas, string name) =>
        [.. schemas.GetProperty(name).GetProperty("enum").EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString())];

    private static string Code(int status) => status.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Every route the app serves under /api/ and /s3/, as the document spells its path.</summary>
    private List<PublicRoute> PublicRoutes() =>
    [
        .. platform.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Endpoint: e, Path: DocumentPath(e.RoutePattern)))
            .Where(e => e.Path.StartsWith("/api/", StringComparison.Ordinal) || e.Path.StartsWith("/s3/", StringComparison.Ordinal))
            .Select(e => new PublicRoute(
                e.Path,
                e.Endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [],
                e.Endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).FirstOrDefault(p => p is "StudentToken" or "AdminApiKey"),
                e.Endpoint.RoutePattern.Parameters.Count > 0,
                e.Endpoint.Metadata.GetMetadata<System.Reflection.MethodInfo>() is { } handler && handler.GetParameters().Any(IsBoundValue),
                [.. e.Endpoint.Metadata.GetOrderedMetadata<IProducesResponseTypeMetadata>().Select(p => p.StatusCode)])),
    ];

    /// <summary>A parameter bound from the query or the body (not a service, the request, the user or a cancellation token).</summary>
    private static bool IsBoundValue(System.Reflection.ParameterInfo parameter) =>
        (parameter.ParameterType.IsValueType && parameter.ParameterType != typeof(CancellationToken))
        || parameter.ParameterType == typeof(string)
        || parameter.ParameterType.Namespace?.StartsWith("PPipe.Frontend", StringComparison.Ordinal) == true && parameter.ParameterType.Name.EndsWith("Request", StringComparison.Ordinal);

    /// <summary>A route pattern as OpenAPI writes it: constraints and catch-all markers dropped (<c>{seq:int}</c> is <c>{seq}</c>).</summary>
    private static string DocumentPath(RoutePattern pattern) =>
        "/" + string.Join("/", pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart parameter => "{" + parameter.Name + "}",
            RoutePatternSeparatorPart separator => separator.Content,
            _ => "",
        }))));

    private sealed record PublicRoute(string Path, IReadOnlyList<string> Methods, string? Policy, bool HasRouteValues, bool HasBoundValues,
        HashSet<int> HandlerStatuses);
}
