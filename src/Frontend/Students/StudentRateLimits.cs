using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using PPipe.Frontend.Api;

namespace PPipe.Frontend.Students;

/// <summary>
/// Per-token limits for the student API: a token bucket per enrollment (burst, then a sustained rate),
/// answered with 429 and <c>Retry-After</c>. Kept per front end, in memory.
/// </summary>
public static class StudentRateLimits
{
    public const string Policy = "student";

    public static IServiceCollection AddStudentRateLimits(this IServiceCollection services) => services.AddRateLimiter(limiter =>
    {
        limiter.AddPolicy(Policy, http =>
        {
            var limits = http.RequestServices.GetRequiredService<IOptions<ApiLimitsOptions>>().Value;
            var partition = http.User.FindFirst(StudentTokenHandler.EnrollmentClaim)?.Value ?? "anonymous";
            return RateLimitPartition.GetTokenBucketLimiter(partition, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = limits.StudentBurst,
                TokensPerPeriod = limits.StudentRequestsPerSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            });
        });
        limiter.OnRejected = async (context, cancellationToken) =>
        {
            var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
            var http = context.HttpContext;
            http.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
            var limits = http.RequestServices.GetRequiredService<IOptions<ApiLimitsOptions>>().Value;
            await Results.Problem(
                statusCode: StatusCodes.Status429TooManyRequests,
                title: "Too many requests.",
                detail: $"A token may make {limits.StudentBurst} requests at once and {limits.StudentRequestsPerSecond} per second after that; retry in {retryAfter} s. Use ETag/If-None-Match when polling.")
                .ExecuteAsync(http);
        };
    });
}
