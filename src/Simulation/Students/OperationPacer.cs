namespace PPipe.Simulation.Students;

/// <summary>When one step of a student's loop may run next: right away after a success (or after a set
/// interval), after an exponential backoff after failures, after the platform's <c>Retry-After</c> when it asks.</summary>
internal sealed class OperationPacer(TimeSpan baseDelay, TimeSpan maxDelay)
{
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromMinutes(10);
    private int _failures;

    public DateTimeOffset NotBefore { get; private set; } = DateTimeOffset.MinValue;

    /// <summary>How many failures in a row; 0 after a success.</summary>
    public int Failures => _failures;

    public bool IsDue(DateTimeOffset now) => now >= NotBefore;

    public void Succeeded(DateTimeOffset now, TimeSpan next = default)
    {
        _failures = 0;
        NotBefore = now + next;
    }

    public void Failed(DateTimeOffset now)
    {
        _failures++;
        var delay = baseDelay * Math.Pow(2, Math.Min(_failures - 1, 20));
        NotBefore = now + (delay < maxDelay ? delay : maxDelay);
    }

    public void RetryAfter(DateTimeOffset now, TimeSpan? retryAfter)
    {
        var wait = retryAfter ?? baseDelay * 2;
        NotBefore = now + (wait < baseDelay ? baseDelay : wait > MaxRetryAfter ? MaxRetryAfter : wait);
    }
}
