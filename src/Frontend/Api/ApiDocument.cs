using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using PPipe.Frontend.Admin;
using PPipe.Frontend.Students;
using Scalar.AspNetCore;

namespace PPipe.Frontend.Api;

/// <summary>
/// The published contract: <c>/openapi/v1.json</c>, generated from the routes, their typed results and their summaries,
/// and its reference page at <c>/scalar/v1</c>. Both are anonymous and served in every hosting mode. What no handler's
/// type can say is added here: the two bearer schemes, and the problems any route of a kind can answer (401 and 429 for
/// authenticated routes, 400 when a route takes a route value, a query value or a body, 503 while the cluster recovers).
/// </summary>
public static class ApiDocument
{
    public const string Name = "v1";
    public const string DocumentPath = "/openapi/{documentName}.json";
    public const string ReferencePath = "/scalar";

    public static IServiceCollection AddApiDocument(this IServiceCollection services) =>
        services.AddOpenApi(Name, options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "P-PIPE API";
                document.Info.Description = "The API students' programs and instructors' scripts use. Students send their token and " +
                    "instructors' scripts the instructor API key, each as 'Authorization: Bearer ...'. Errors are RFC 7807 problems " +
                    "(application/problem+json) with a title, a detail and, for field or row errors, an errors member; a request that " +
                    "cannot be bound (malformed JSON, a value of the wrong type, a bad route or query value) is a 400 naming the field.";
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[StudentTokenHandler.SchemeName] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "A student's token (ppt_...), given once at enrollment. It belongs to one enrollment.",
                };
                document.Components.SecuritySchemes[AdminApiKeyHandler.SchemeName] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "The instructor API key (configuration key Admin:ApiKey; the embedded demo prints the one it uses).",
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer(DescribeCommonProblemsAsync);
        });

    public static WebApplication MapApiDocument(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapOpenApi(DocumentPath).AllowAnonymous();
        app.MapScalarApiReference(ReferencePath, options => options.WithTitle("P-PIPE API reference")).AllowAnonymous();
        return app;
    }

    /// <summary>Describes the body a handler reads itself; see <see cref="RequestBodyDescription"/>.</summary>
    public static RouteHandlerBuilder DescribesBody<T>(this RouteHandlerBuilder builder, params string[] contentTypes) =>
        builder.WithMetadata(new RequestBodyDescription(typeof(T), contentTypes));

    private static async Task DescribeCommonProblemsAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context,
        CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var policies = metadata.OfType<IAuthorizeData>().Select(a => a.Policy).ToHashSet();
        var scheme = policies.Contains(StudentTokenHandler.SchemeName) ? StudentTokenHandler.SchemeName
            : policies.Contains(AdminApiKeyHandler.SchemeName) ? AdminApiKeyHandler.SchemeName
            : null;
        if (metadata.OfType<RequestBodyDescription>().LastOrDefault() is { } body)
        {
            var json = await context.GetOrCreateSchemaAsync(body.JsonType, null, cancellationToken);
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = body.ContentTypes.ToDictionary(c => c, c => new OpenApiMediaType
                {
                    Schema = c.EndsWith("json", StringComparison.Ordinal) ? json : new OpenApiSchema { Type = JsonSchemaType.String },
                }),
            };
        }

        var problem = await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, cancellationToken);
        operation.Responses ??= [];
        if (scheme is not null)
        {
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(scheme, context.Document)] = [] });
            Add(operation, problem, StatusCodes.Status401Unauthorized, "Missing, unknown or revoked credentials.");
            Add(operation, problem, StatusCodes.Status429TooManyRequests, scheme == StudentTokenHandler.SchemeName
                ? "Over this token's request rate, or too many failed authentications from this address; see Retry-After."
                : "Too many failed authentications from this address; see Retry-After.");
        }

        if (context.Description.ParameterDescriptions.Count > 0 || operation.RequestBody is not null)
        {
            Add(operation, problem, StatusCodes.Status400BadRequest,
                "A value could not be read (malformed JSON, a value of the wrong type, a bad route or query value); errors names the field.");
        }

        Add(operation, problem, StatusCodes.Status503ServiceUnavailable, "The platform is recovering from a server failure or the channel is in an outage; see Retry-After.");
    }

    private static void Add(OpenApiOperation operation, IOpenApiSchema problem, int statusCode, string description)
    {
        var key = statusCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses!.ContainsKey(key))
        {
            return;
        }

        operation.Responses[key] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType> { [ProblemResult.ContentType] = new() { Schema = problem } },
        };
    }
}
