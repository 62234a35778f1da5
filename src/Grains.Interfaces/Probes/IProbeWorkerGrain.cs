using System.Collections.Immutable;
using Orleans.Concurrency;

namespace PPipe.Grains.Interfaces.Probes;

/// <summary>
/// Calls students' model endpoints outside the enrollments' turns, with bounded concurrency per silo.
/// A stateless worker: use key 0.
/// </summary>
[Alias("ppipe.IProbeWorkerGrain")]
public interface IProbeWorkerGrain : IGrainWithIntegerKey
{
    /// <summary>Probes now and returns every attempt (the registration check waits for this).</summary>
    [Alias("Probe")]
    Task<ImmutableArray<ProbeResult>> ProbeAsync(ProbeJob job);

    /// <summary>Probes in the background and reports the attempts to the enrollment's <c>RecordProbesAsync</c>.</summary>
    [OneWay, Alias("Run")]
    Task RunAsync(ProbeJob job);
}
