namespace PPipe.Simulation.Students;

/// <summary>The platform answered 429 or 503; the step is retried after <see cref="RetryAfter"/> (when given).</summary>
internal sealed class RetryLaterException(string operation, int status, TimeSpan? retryAfter)
    : Exception($"{operation} answered {status}; retry after {retryAfter?.TotalSeconds.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) ?? "?"} s.")
{
    public TimeSpan? RetryAfter => retryAfter;
}
