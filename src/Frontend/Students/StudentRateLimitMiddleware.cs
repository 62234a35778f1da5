using System.Globalization;
using Microsoft.Extensions.Options;
using PPipe.Frontend.Api;

namespace PPipe.Frontend.Students;

/// <summary>Answers 429 with <c>Retry-After</c> to a student token over its limit, on the endpoints marked <see cref="StudentRateLimits.Limited"/>.</summary>
public sealed class StudentRateLimitMiddleware(RequestDelegate next, StudentRateLimits limits, IOptions<ApiLimitsOptions> options)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<StudentRateLimits.LimitedEndpoint>() is null
            || context.User.FindFirst(StudentTokenHandler.EnrollmentClaim)?.Value is not { } key
            || limits.TryTake(key, out var wait))
        {
            return next(context);
        }

        var retryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        var limit = options.Value;
        return Results.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many requests.",
            detail: $"A token may make {limit.StudentBurst} requests at once and {limit.StudentRequestsPerSecond} per second after that; " +
                $"retry in {retryAfter} s. Use ETag/If-None-Match when polling.")
            .ExecuteAsync(context);
    }
}
