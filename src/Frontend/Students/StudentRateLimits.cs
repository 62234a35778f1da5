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

    public static IServiceCollection AddStudentRateLimits(this IServiceCollection services)
    {
        services.AddSingleton<TokenBuckets>();
        return services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(Policy, http =>
            {
                var partition = http.User.FindFirst(StudentTokenHandler.EnrollmentClaim)?.Value ?? "anonymous";
                return RateLimitPartition.Get(partition, http.RequestServices.GetRequiredService<TokenBuckets>().Create);
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

    /// <summary>
    /// Makes each token's bucket from one options object and one factory, so a partition holds its limiter and
    /// nothing else: an active student costs a bucket, not a bucket and the closures that would build it.
    /// </summary>
    private sealed class TokenBuckets
    {
        private readonly TokenBucketRateLimiterOptions _options;

        public TokenBuckets(IOptions<ApiLimitsOptions> limits)
        {
            _options = new TokenBucketRateLimiterOptions
            {
                TokenLimit = limits.Value.StudentBurst,
                TokensPerPeriod = limits.Value.StudentRequestsPerSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                // The partitioned limiter refills every partition from its one heartbeat; a bucket of its own would
                // start a timer per token, holding the request's execution context for as long as the bucket lives.
                AutoReplenishment = false,
            };
            Create = _ => new TokenBucketRateLimiter(_options);
        }

        public Func<string, RateLimiter> Create { get; }
    }
}
