using PPipe.Grains.Interfaces.Probes;

namespace PPipe.Grains.Probes;

/// <summary>
/// What one attempt gives the resilience pipeline: its result, and whether it found the endpoint
/// unavailable (no connection, no answer in time, a dropped connection, 5xx), which is what the retry and
/// the circuit breaker act on.
/// </summary>
internal sealed record ProbeAttempt(ProbeResult Result, bool Unavailable);
