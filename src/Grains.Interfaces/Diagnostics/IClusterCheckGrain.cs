namespace PPipe.Grains.Interfaces.Diagnostics;

/// <summary>
/// An operator's end-to-end check of a deployment: it keeps durable state and is driven by a
/// reminder, so its record shows whether grain storage and reminders survive silo restarts and
/// failures. Keyed by a name the operator chooses.
/// </summary>
[Alias("ppipe.IClusterCheckGrain")]
public interface IClusterCheckGrain : IGrainWithStringKey
{
    /// <summary>Starts (or restarts with a new period) the reminder that ticks the check.</summary>
    [Alias("Start")]
    Task<ClusterCheckStatus> StartAsync(TimeSpan period);

    /// <summary>The durable record of the check, and where it is active now.</summary>
    [Alias("Get")]
    Task<ClusterCheckStatus> GetAsync();

    /// <summary>Stops the reminder; the record is kept.</summary>
    [Alias("Stop")]
    Task<ClusterCheckStatus> StopAsync();
}
