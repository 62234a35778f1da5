using Microsoft.AspNetCore.Diagnostics;
using PPipe.Grains.Interfaces.Storage;

namespace PPipe.Frontend.Api;

/// <summary>
/// Turns "the cluster cannot answer right now" (a silo just died, no gateway reachable, a grain call
/// timed out during fail-over, cluster storage unreachable) into 503 with <c>Retry-After</c>, which clients retry, instead of a 500.
/// </summary>
public sealed partial class ClusterUnavailableHandler(ILogger<ClusterUnavailableHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsUnavailable(exception) && !(exception is OperationCanceledException && !httpContext.RequestAborted.IsCancellationRequested))
        {
            return false;
        }

        LogUnavailable(logger, httpContext.Request.Path, exception.GetType().Name, exception.Message);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = "2";
        await Results.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "Temporarily unavailable.",
            detail: "The platform is recovering from a server failure; retry in a few seconds.")
            .ExecuteAsync(httpContext);
        return true;
    }

    /// <summary>
    /// True for the exceptions that mean the cluster cannot answer for now (and a retry will), also when Orleans wraps
    /// one: an activation whose state could not be read fails with an <see cref="OrleansException"/> around the
    /// storage's <see cref="StorageUnavailableException"/>.
    /// </summary>
    public static bool IsUnavailable(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is SiloUnavailableException or OrleansMessageRejectionException or Orleans.Runtime.Messaging.ConnectionFailedException
                    or TimeoutException or StorageUnavailableException
                || e.GetType().FullName == "Polly.Timeout.TimeoutRejectedException") // Orleans' placement gave up in time
            {
                return true;
            }

            if (e is AggregateException aggregate && aggregate.InnerExceptions.Any(IsUnavailable))
            {
                return true;
            }
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Answered 503 to {Path}: cluster unavailable ({Exception}: {Reason})")]
    private static partial void LogUnavailable(ILogger logger, string path, string exception, string reason);
}
