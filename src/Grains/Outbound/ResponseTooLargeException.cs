namespace PPipe.Grains.Outbound;

/// <summary>A response body was longer than the caller's limit; reading stopped at the limit.</summary>
internal sealed class ResponseTooLargeException(long limitBytes)
    : Exception($"The response body is larger than the limit of {limitBytes} bytes.")
{
    public long LimitBytes { get; } = limitBytes;
}
