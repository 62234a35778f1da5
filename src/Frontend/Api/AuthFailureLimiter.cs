using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace PPipe.Frontend.Api;

/// <summary>
/// Answers 429 with <c>Retry-After</c> to a client address that keeps presenting bad credentials, so
/// tokens cannot be guessed at speed and a misconfigured program does not hammer the token index.
/// Counts 401 responses (and requests marked with <see cref="CountAsFailure"/>, such as an unknown calendar feed URL), in
/// a fixed window per address, in this front end's memory.
/// </summary>
public sealed class AuthFailureLimiter(RequestDelegate next, IMemoryCache cache, IOptions<ApiLimitsOptions> options, TimeProvider time)
{
    private const string FailureMark = "ppipe.auth-failure";

    /// <summary>Counts this request as a failed authentication whatever its status (a secret in a URL that opens nothing).</summary>
    public static void CountAsFailure(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Items[FailureMark] = true;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var key = "auth-failures:" + address;
        var now = time.GetUtcNow();
        if (cache.TryGetValue<FailureWindow>(key, out var window) && window!.Count >= options.Value.AuthFailuresPerWindow && window.EndsAt > now)
        {
            var retryAfter = (int)Math.Ceiling((window.EndsAt - now).TotalSeconds);
            context.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await Results.Problem(
                statusCode: StatusCodes.Status429TooManyRequests,
                title: "Too many failed authentications.",
                detail: $"This address sent {window.Count} requests with missing or invalid credentials; retry after {retryAfter} s with a valid token.")
                .ExecuteAsync(context);
            return;
        }

        await next(context);

        if (context.Response.StatusCode == StatusCodes.Status401Unauthorized || context.Items.ContainsKey(FailureMark))
        {
            if (window is null || window.EndsAt <= now)
            {
                window = new FailureWindow(now + options.Value.AuthFailureWindow);
                cache.Set(key, window, new MemoryCacheEntryOptions { AbsoluteExpiration = window.EndsAt, Size = 1 });
            }

            window.Increment();
        }
    }

    private sealed class FailureWindow(DateTimeOffset endsAt)
    {
        private int _count;

        public DateTimeOffset EndsAt { get; } = endsAt;

        public int Count => Volatile.Read(ref _count);

        public void Increment() => Interlocked.Increment(ref _count);
    }
}
