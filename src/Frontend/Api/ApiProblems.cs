namespace PPipe.Frontend.Api;

/// <summary>RFC 7807 responses in the shape api-v1 promises: a title, an actionable detail, and field errors.</summary>
public static class ApiProblems
{
    public static IResult Unauthorized(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Authentication required.", detail: detail);

    public static IResult NotFound(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: detail);

    public static IResult Invalid(string title, string detail, IDictionary<string, string[]> errors) =>
        Results.ValidationProblem(errors, detail: detail, title: title, statusCode: StatusCodes.Status422UnprocessableEntity);

    public static IResult Invalid(string title, string field, string message) =>
        Invalid(title, message, new Dictionary<string, string[]> { [field] = [message] });

    public static IResult Conflict(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict.", detail: detail);

    public static IResult UnsupportedMediaType(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported content type.", detail: detail);

    public static IResult TooLarge(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Body too large.", detail: detail);
}
