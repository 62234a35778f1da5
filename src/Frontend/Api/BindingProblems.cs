using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;

namespace PPipe.Frontend.Api;

/// <summary>
/// Answers every request ASP.NET could not bind (<see cref="BadHttpRequestException"/>, thrown for every route since
/// <c>RouteHandlerOptions.ThrowOnBadRequest</c> is on) with a problem naming the field: a malformed JSON body, a JSON
/// value of the wrong type (<c>"speed": "fast"</c>), a route or query value that is not a number, a body of the wrong
/// media type. New routes get it for free; a 5xx is left to mean that the server failed.
/// </summary>
public sealed partial class BindingProblems : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (exception is not BadHttpRequestException bad || httpContext.Response.HasStarted)
        {
            return false;
        }

        var (field, message) = Describe(bad);
        var status = bad.StatusCode;
        var details = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = status,
            Title = status switch
            {
                StatusCodes.Status415UnsupportedMediaType => "Unsupported content type.",
                StatusCodes.Status413PayloadTooLarge => "Body too large.",
                _ => "The request could not be read.",
            },
            Detail = message,
        };
        httpContext.Response.StatusCode = status;
        await TypedResults.Problem(details).ExecuteAsync(httpContext);
        return true;
    }

    /// <summary>
    /// Completes the problems ASP.NET writes by itself (through status code pages) for a body of a media type no route
    /// takes: routing answers those 415 before any handler runs, with no detail of its own.
    /// </summary>
    public static void Complete(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var problem = context.ProblemDetails;
        if (problem.Status != StatusCodes.Status415UnsupportedMediaType || problem.Detail is not null
            || !context.HttpContext.Request.Path.StartsWithSegments("/api"))
        {
            return;
        }

        var got = context.HttpContext.Request.ContentType is { Length: > 0 } type ? $" (got {type})" : "";
        problem.Title = "Unsupported content type.";
        problem.Detail = $"Send the body as application/json{got}.";
        problem.Extensions["errors"] = new Dictionary<string, string[]> { ["body"] = [problem.Detail] };
    }

    /// <summary>The field a binding failure is about (<c>body</c> for the body as a whole) and a sentence saying what to send.</summary>
    public static (string Field, string Message) Describe(BadHttpRequestException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (FindJsonException(exception) is { } json)
        {
            return DescribeJson(json);
        }

        if (exception.StatusCode == StatusCodes.Status415UnsupportedMediaType)
        {
            var got = QuotedValue().Match(exception.Message) is { Success: true } m ? $" (got {m.Groups["value"].Value})" : "";
            return ("body", $"Send the body as application/json{got}.");
        }

        if (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return ("body", "The body is over the size limit of this route.");
        }

        if (FailedParameter().Match(exception.Message) is { Success: true } failed)
        {
            var name = failed.Groups["name"].Value;
            return (name, $"{name} must be {Expected(failed.Groups["type"].Value)}; '{failed.Groups["value"].Value}' is not.");
        }

        if (MissingParameter().Match(exception.Message) is { Success: true } missing)
        {
            var name = missing.Groups["name"].Value;
            return (name, $"{name} is required: give {Expected(missing.Groups["type"].Value)}.");
        }

        return ("body", exception.Message);
    }

    private static JsonException? FindJsonException(Exception exception)
    {
        for (var e = exception.InnerException; e is not null; e = e.InnerException)
        {
            if (e is JsonException json)
            {
                return json;
            }
        }

        return null;
    }

    private static (string Field, string Message) DescribeJson(JsonException json)
    {
        var field = FieldOf(json.Path);
        if (NotConverted().Match(json.Message) is { Success: true } converted && field != "body")
        {
            // The message names the type being read, which for a record read through its constructor is the record
            // (the body's, or a nested one's): the field's own type is found by following the path's tail from there.
            var segments = field.Split('.');
            var type = FindType(converted.Groups["type"].Value) is { } declared
                ? Enumerable.Range(0, segments.Length).Select(i => TypeAt(declared, segments[i..])).FirstOrDefault(t => t is not null)
                : null;
            return (field, $"{field} must be {Expected(type?.FullName ?? converted.Groups["type"].Value)}.");
        }

        // A syntax error: say where the JSON stopped making sense.
        var where = json.LineNumber is { } line ? $" (line {line + 1}, byte {json.BytePositionInLine + 1})" : "";
        return ("body", $"The body is not valid JSON{where}: {FirstSentence(json.Message)}");
    }

    /// <summary>A JSON path (<c>$.late.policy</c>) as the field it names (<c>late.policy</c>); <c>body</c> for the root.</summary>
    private static string FieldOf(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }

    /// <summary>What a value of the named .NET type looks like, in the API's words.</summary>
    private static string Expected(string typeName)
    {
        var name = NullableWrapper().Match(typeName) is { Success: true } inner ? inner.Groups["type"].Value : typeName.TrimEnd('?');
        return name switch
        {
            "System.DateTimeOffset" or "DateTimeOffset" or "System.DateTime" or "DateTime" => "an ISO 8601 time such as 2026-12-01T09:00:00Z",
            "System.Int32" or "Int32" or "int" or "System.Int64" or "Int64" or "long" => "a whole number",
            "System.Double" or "Double" or "double" or "System.Decimal" or "decimal" or "System.Single" or "float" => "a number",
            "System.Boolean" or "Boolean" or "bool" => "true or false",
            "System.String" or "String" or "string" => "a string",
            "System.TimeSpan" or "TimeSpan" => "a duration such as 1.02:00:00",
            _ when FindEnum(name) is { } type => "one of " + string.Join(", ", WireNames(type)),
            _ => $"a value of type {name}",
        };
    }

    private static Type? FindEnum(string fullName) => FindType(fullName) is { IsEnum: true } type ? type : null;

    private static Type? FindType(string fullName) =>
        Type.GetType(fullName, throwOnError: false)
        ?? AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => a.GetName().Name?.StartsWith("PPipe.", StringComparison.Ordinal) == true)
            .Select(a => a.GetType(fullName, throwOnError: false))
            .FirstOrDefault(t => t is not null);

    /// <summary>The type of the value at the path <paramref name="field"/> (<c>late</c>, <c>policy</c>) inside <paramref name="type"/>.</summary>
    private static Type? TypeAt(Type type, string[] field)
    {
        Type? current = Unwrap(type);
        foreach (var segment in field)
        {
            var name = segment.Split('[')[0];
            current = current?.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)?.PropertyType;
            current = current is null ? null : Unwrap(current);
            for (var i = segment.Count(c => c == '['); i > 0 && current is not null; i--)
            {
                current = ElementOf(current);
            }
        }

        return current;
    }

    private static Type Unwrap(Type type) => Nullable.GetUnderlyingType(type) ?? type;

    private static Type? ElementOf(Type type) =>
        type.IsArray ? type.GetElementType()
        : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))
            ?.GetGenericArguments()[0] is { } element ? Unwrap(element) : null;

    /// <summary>An enum's values as the API writes them: their declared JSON name, or the camelCase of the C# name.</summary>
    private static IEnumerable<string> WireNames(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static).Select(f =>
            f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(f.Name));

    [GeneratedRegex("""parameter "(?<type>.+) (?<name>[^ "]+)" from "(?<value>.*)"\.""")]
    private static partial Regex FailedParameter();

    [GeneratedRegex("""Required parameter "(?<type>.+) (?<name>[^ "]+)" was not provided""")]
    private static partial Regex MissingParameter();

    [GeneratedRegex("""could not be converted to (?<type>[^ ]+?)\.( Path|$)""")]
    private static partial Regex NotConverted();

    [GeneratedRegex("""^(System\.Nullable`1\[(?<type>.+)\]|Nullable<(?<type>.+)>)$""")]
    private static partial Regex NullableWrapper();

    [GeneratedRegex("""but got "(?<value>[^"]*)"\.""")]
    private static partial Regex QuotedValue();
}
