namespace PPipe.Grains.Probes;

/// <summary>
/// A probe was not sent because this silo had no free place for it within
/// <see cref="ProbeOptions.QueueTimeout"/>. The platform was overloaded, not the endpoint: nothing is
/// recorded against the student.
/// </summary>
internal sealed class ProbeCapacityException(int maxConcurrency, TimeSpan waited)
    : Exception($"No probe place freed up within {waited.TotalMilliseconds:0} ms (this silo sends at most {maxConcurrency} probes at once).")
{
    public int MaxConcurrency { get; } = maxConcurrency;
}
