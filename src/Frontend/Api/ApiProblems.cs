using Microsoft.AspNetCore.Http.HttpResults;

namespace PPipe.Frontend.Api;

/// <summary>RFC 7807 responses in the shape api-v1 promises: a title, an actionable detail, and field errors.</summary>
public static class ApiProblems
{
    public static ProblemHttpResult Unauthorized(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Authentication required.", detail: detail);

    /// <summary>A 400 naming the field a handler could not read (a query value outside what the route takes).</summary>
    public static ProblemHttpResult BadRequest(string title, string field, string message) =>
        FieldProblem(StatusCodes.Status400BadRequest, title, field, message);

    public static ForbiddenProblem Forbidden(string title, string field, string message) =>
        new(FieldProblem(StatusCodes.Status403Forbidden, title, field, message));

    public static NotFoundProblem NotFound(string detail) =>
        new(TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: detail));

    public static InvalidProblem Invalid(string title, string detail, IDictionary<string, string[]> errors) =>
        new(TypedResults.Problem(new HttpValidationProblemDetails(errors) { Title = title, Detail = detail, Status = StatusCodes.Status422UnprocessableEntity }));

    public static InvalidProblem Invalid(string title, string field, string message) =>
        Invalid(title, message, new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>A 422 whose <c>errors</c> is a list of rows (a roster, a spec, a submission) rather than fields.</summary>
    public static InvalidProblem InvalidRows(string title, string detail, IDictionary<string, object?> extensions) =>
        new(TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: title, detail: detail, extensions: extensions));

    public static ConflictProblem Conflict(string detail) => Conflict("Conflict.", detail);

    public static ConflictProblem Conflict(string title, string? detail, IDictionary<string, object?>? extensions = null) =>
        new(TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: title, detail: detail, extensions: extensions));

    public static GoneProblem Gone(string title, string detail) =>
        new(TypedResults.Problem(statusCode: StatusCodes.Status410Gone, title: title, detail: detail));

    public static TooManyProblem TooMany(string title, string? detail, IDictionary<string, object?>? extensions = null) =>
        new(TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: title, detail: detail, extensions: extensions));

    public static PayloadProblem UnsupportedMediaType(string detail, IDictionary<string, object?>? extensions = null) =>
        new(TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported content type.", detail: detail, extensions: extensions));

    public static PayloadProblem TooLarge(string detail, IDictionary<string, object?>? extensions = null) =>
        new(TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Body too large.", detail: detail, extensions: extensions));

    private static ProblemHttpResult FieldProblem(int status, string title, string field, string message) =>
        TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Title = title,
            Detail = message,
            Status = status,
        });
}
